"""The sentences of the Tokens tab's engine keys (playground/corpus, tokenization, bpe, ngram, lm_compare),
in English and Simplified Chinese, to be folded into the UI's text tables. Same keys, same {placeholders}."""

EN = {
    "tokens.err.empty": "The text is empty: type or paste some text first.",
    "tokens.err.too_long": "The text is limited to {limit:,} characters here (it has {length:,}). Shorten it.",
    "tokens.err.surrogate": (
        "The text contains a broken character (a lone UTF-16 surrogate, {code}, at position {position}): it was "
        "probably cut out of an emoji. Delete it or paste the text again."
    ),
    "tokens.err.control": (
        "The text contains an invisible control character ({code}, at position {position}). Delete it: only line "
        "breaks and tabs are allowed."
    ),
    "tokens.err.n_range": "n must be a whole number from {low} to {high} (got {value}).",
    "tokens.err.vocab_range": "The vocabulary size must be a whole number from {low:,} to {high:,} (got {value}).",
    "tokens.err.length_range": "The length must be a whole number from {low} to {high} characters (got {value}).",
    "tokens.err.seed_range": "The seed must be a whole number from {low} to {high:,} (got {value}).",
    "tokens.err.k_positive": "k must be a number greater than 0 (got {value}): try 1 (add-one) or 0.01.",
    "tokens.err.discount_positive": "The discount D must be greater than 0 and at most {high} (got {value}).",
    "tokens.err.corpus": "There is no corpus called '{name}'. Choose one of: {known}.",
    "tokens.err.tokenizer": "There is no tokenizer called '{name}'. Choose one of: {known}.",
    "tokens.err.smoothing": "There is no smoothing method called '{name}'. Choose one of: {known}.",
    "tokens.note.unavailable": (
        "{name} is not shown: its tokenizer needs the Hugging Face Hub ({hub_id}), which this machine cannot reach."
    ),
}

ZH = {
    "tokens.err.empty": "文本为空：请先输入或粘贴一些文字。",
    "tokens.err.too_long": "这里的文本最多 {limit:,} 个字符（当前有 {length:,} 个）。请缩短后再试。",
    "tokens.err.surrogate": (
        "文本中有一个残缺的字符（孤立的 UTF-16 代理项 {code}，位于第 {position} 个位置），"
        "它可能是从表情符号中截断出来的。请删除它或重新粘贴文本。"
    ),
    "tokens.err.control": (
        "文本中有一个不可见的控制字符（{code}，位于第 {position} 个位置）。请删除它：只允许换行符和制表符。"
    ),
    "tokens.err.n_range": "n 必须是 {low} 到 {high} 之间的整数（收到的是 {value}）。",
    "tokens.err.vocab_range": "词表大小必须是 {low:,} 到 {high:,} 之间的整数（收到的是 {value}）。",
    "tokens.err.length_range": "长度必须是 {low} 到 {high} 个字符之间的整数（收到的是 {value}）。",
    "tokens.err.seed_range": "随机种子必须是 {low} 到 {high:,} 之间的整数（收到的是 {value}）。",
    "tokens.err.k_positive": "k 必须是大于 0 的数（收到的是 {value}）：可以试试 1（加一平滑）或 0.01。",
    "tokens.err.discount_positive": "折扣 D 必须大于 0 且不超过 {high}（收到的是 {value}）。",
    "tokens.err.corpus": "没有名为“{name}”的语料。请从以下选项中选择：{known}。",
    "tokens.err.tokenizer": "没有名为“{name}”的分词器。请从以下选项中选择：{known}。",
    "tokens.err.smoothing": "没有名为“{name}”的平滑方法。请从以下选项中选择：{known}。",
    "tokens.note.unavailable": "未显示 {name}：它的分词器需要访问 Hugging Face Hub（{hub_id}），而这台机器无法连接。",
}
