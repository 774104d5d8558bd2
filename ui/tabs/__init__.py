"""The tabs, in the order the page shows them: the one list that app.py, sharing, presenter mode and the guided walk
read. Adding a tab: write `ui/tabs/<id>.py` ending with `TAB = Tab(...)` (ui/tab.py), add its text keys to
ui/i18n/en.py and ui/i18n/zh.py, and add it here (docs/architecture.md has the checklist)."""

from ui.tab import Tab
from ui.tabs import architecture, attention, finetune, inside, losses, positional, prompts, tokens

TABS: tuple[Tab, ...] = (
    tokens.TAB,  # §2.1: tokens come before everything else in the source text
    positional.TAB,
    attention.TAB,
    architecture.TAB,
    inside.TAB,
    losses.TAB,
    finetune.TAB,
    prompts.TAB,
)
BY_ID: dict[str, Tab] = {tab.id: tab for tab in TABS}
