"""The sentences of the "Inside the model" engine's codes (issue 15), to fold into the UI's text tables.

Every `InputError` key raised by playground/{inside_inputs,residual,logit_lens,attention_sinks,patching,kv_cache}.py
and every `Term` they pass as {field}; EN and ZH have the same keys and the same {placeholders}.
"""

EN = {
    "inside.err.empty": "The {field} is empty: type something first.",
    "inside.err.too_many_chars": "The {field} is limited to {limit:,} characters here (it has {chars:,}).",
    "inside.err.too_long": "The {field} has {tokens} tokens; this view reads at most {limit}. Shorten it.",
    "inside.err.too_short": "The {field} has {tokens} token(s); this view needs at least {least}. Add a few words.",
    "inside.err.broken_char": (
        "The {field} contains a broken character at position {position} (half of an emoji, probably). "
        "Delete it or paste the text again."
    ),
    "inside.err.not_one_token": (
        "“{word}” is {count} tokens for this model, but the {field} must be exactly one token. "
        "Try a common word with its leading space, such as “ Paris”."
    ),
    "inside.err.not_causal": (
        "{model} is an encoder: it has no next-token head to look inside. Choose a causal language model (SmolLM2)."
    ),
    "inside.err.unsupported_model": (
        "This view does not know where the layers, the final norm or the output head of a {architecture} are."
    ),
    "inside.err.layer_range": "The layer must be a whole number from 0 to {high} (got {value}).",
    "inside.err.position_range": "The position must be a whole number from 0 to {high} (got {value}).",
    "inside.err.top_k_range": "The number of tokens to list must be a whole number from 1 to {high} (got {value}).",
    "inside.err.new_tokens_range": "The number of new tokens must be a whole number from 1 to {high} (got {value}).",
    "inside.err.lengths_differ": (
        "Patching copies one position into the same position of the other run, so both prompts need the same "
        "number of tokens: the clean one has {clean}, the corrupted one {corrupt}. Change a word or two."
    ),
    "inside.err.same_answers": "The two answers are the same token (“{word}”): choose two different answers.",
    "term.inside.text": "text",
    "term.inside.target": "target word",
    "term.inside.clean": "clean prompt",
    "term.inside.corrupt": "corrupted prompt",
    "term.inside.clean_answer": "clean answer",
    "term.inside.corrupt_answer": "corrupted answer",
    "term.inside.prompt": "prompt",
}

ZH = {
    "inside.err.empty": "{field}是空的：请先输入内容。",
    "inside.err.too_many_chars": "{field}在这里最多 {limit:,} 个字符（现在有 {chars:,} 个）。",
    "inside.err.too_long": "{field}有 {tokens} 个词元，这个视图最多读取 {limit} 个。请缩短一些。",
    "inside.err.too_short": "{field}只有 {tokens} 个词元，这个视图至少需要 {least} 个。请多写几个词。",
    "inside.err.broken_char": (
        "{field}在第 {position} 个位置有一个残缺的字符（多半是半个表情符号）。请删掉它或重新粘贴文本。"
    ),
    "inside.err.not_one_token": (
        "对这个模型来说，“{word}”是 {count} 个词元，但{field}必须恰好是一个词元。试试带前导空格的常见词，比如“ Paris”。"
    ),
    "inside.err.not_causal": (
        "{model} 是编码器模型：它没有预测下一个词元的输出头可供观察。请选择因果语言模型（SmolLM2）。"
    ),
    "inside.err.unsupported_model": "这个视图不知道 {architecture} 的各层、最终归一化层或输出头在哪里。",
    "inside.err.layer_range": "层号必须是 0 到 {high} 之间的整数（收到的是 {value}）。",
    "inside.err.position_range": "位置必须是 0 到 {high} 之间的整数（收到的是 {value}）。",
    "inside.err.top_k_range": "要列出的词元个数必须是 1 到 {high} 之间的整数（收到的是 {value}）。",
    "inside.err.new_tokens_range": "新生成的词元个数必须是 1 到 {high} 之间的整数（收到的是 {value}）。",
    "inside.err.lengths_differ": (
        "激活修补会把一次运行中某个位置的向量复制到另一次运行的同一位置，所以两个提示词的词元数必须相同："
        "干净提示词有 {clean} 个，被破坏的提示词有 {corrupt} 个。请改动一两个词。"
    ),
    "inside.err.same_answers": "两个答案是同一个词元（“{word}”）：请选择两个不同的答案。",
    "term.inside.text": "文本",
    "term.inside.target": "目标词",
    "term.inside.clean": "干净提示词",
    "term.inside.corrupt": "被破坏的提示词",
    "term.inside.clean_answer": "干净答案",
    "term.inside.corrupt_answer": "被破坏的答案",
    "term.inside.prompt": "提示词",
}
