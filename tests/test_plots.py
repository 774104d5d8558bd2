"""ui/plots.py: a long text's attention heatmap keeps readable labels (tests/visibility.py: ticks >= 9 px)."""

import numpy as np
import pytest

from ui import plots


@pytest.mark.parametrize("n, every", [(10, 1), (64, 1), (65, 2), (128, 2), (138, 3)])
def test_a_long_texts_heatmap_labels_every_kth_token_at_a_readable_size(n, every):
    fig = plots.attention_heatmap(np.full((n, n), 1 / n), [f"t{i}" for i in range(n)], "head")
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.tickfont.size >= 9
        assert axis.dtick == every
