r"""Prompt templates with `{variables}`: parse, list the variables, render, and a small library.

Source text, section 3.3 (提示学习, 模板设计) and 4.3.2: prompt learning scores a label $y$ given the input $x$
wrapped in a template $p$,

    $L_{PL}(\theta) = -\sum_i \log P(y_i \mid x_i, p_i; \theta)$

so the template is part of the model's input, and changing it changes the prediction. Syntax: `{name}` is a
variable (letters, digits, `_`, any script: `{评论}` works); `{{` and `}}` are a literal `{` and `}`.

    >>> render("Review: {text}\nSentiment:", {"text": "Great film!"})
    'Review: Great film!\nSentiment:'
    >>> variables("Q: {question} A: {{answer}}")
    ['question']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from playground.errors import InputError, Term

MAX_TEMPLATE_CHARS = 8000  # a template plus its values is bounded before it reaches a tokenizer


@dataclass(frozen=True)
class Piece:
    text: str  # literal text, or the variable's name
    is_variable: bool


def parse(template: str) -> list[Piece]:
    """Split a template into literal text and variables; an InputError says where a brace is wrong."""
    if template is None or not str(template).strip():
        raise InputError("templates.err.empty")
    template = str(template)
    if len(template) > MAX_TEMPLATE_CHARS:
        raise InputError("templates.err.too_long", limit=MAX_TEMPLATE_CHARS, n=len(template))
    pieces, literal, i = [], [], 0
    while i < len(template):
        char = template[i]
        if template.startswith("{{", i) or template.startswith("}}", i):
            literal.append(char)
            i += 2
        elif char == "{":
            end = template.find("}", i + 1)
            name = template[i + 1 : end] if end != -1 else ""
            if end == -1 or "{" in name:
                raise InputError("templates.err.unclosed", at=i + 1)
            if not name.isidentifier():
                raise InputError("templates.err.not_a_name", name=name, at=i + 1)
            pieces += [Piece("".join(literal), False), Piece(name, True)]
            literal, i = [], end + 1
        elif char == "}":
            raise InputError("templates.err.unopened", at=i + 1)
        else:
            literal.append(char)
            i += 1
    pieces.append(Piece("".join(literal), False))
    return [p for p in pieces if p.is_variable or p.text]


def variables(template: str) -> list[str]:
    """The variable names in order of first appearance, each once."""
    return list(dict.fromkeys(p.text for p in parse(template) if p.is_variable))


def render(template: str, values: dict[str, str] | None = None) -> str:
    """Fill every variable; a missing one, or a value given for no variable, is an InputError."""
    values = {str(k).strip(): "" if v is None else str(v) for k, v in (values or {}).items()}
    needed = variables(template)
    missing = [name for name in needed if name not in values]
    if missing:
        raise InputError("templates.err.missing_value", names=", ".join("{" + m + "}" for m in missing))
    unknown = [name for name in values if name not in needed]
    if unknown:
        known = ", ".join("{" + n + "}" for n in needed) or Term("none")
        raise InputError("templates.err.unknown_variable", names=", ".join("{" + u + "}" for u in unknown), known=known)
    text = "".join(values[p.text] if p.is_variable else p.text for p in parse(template))
    if len(text) > 4 * MAX_TEMPLATE_CHARS:
        raise InputError("templates.err.rendered_too_long", limit=4 * MAX_TEMPLATE_CHARS)
    return text


def apply_chat(tokenizer, user_text: str) -> str:
    """The model's own chat template around one user turn, ready for the assistant's answer."""
    if not getattr(tokenizer, "chat_template", None):
        raise InputError("templates.err.no_chat_template")
    messages = [{"role": "user", "content": user_text}]
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


# ---- the library ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryTemplate:
    task: str  # sentiment, paraphrase, topic, qa
    style: str  # zero-shot, few-shot, instruction, cloze, chat
    text: str  # the template
    values: dict[str, str] = field(default_factory=dict)  # example values for its variables
    label_words: dict[str, str] = field(default_factory=dict)  # class -> word, for label-word scoring

    @property
    def name(self) -> str:
        return f"{self.task} · {self.style}"

    @property
    def chat(self) -> bool:
        return self.style == "chat"


REVIEW = "The plot was predictable, but the actors were wonderful and I left the cinema smiling."
SENTIMENT_WORDS = {"positive": "positive", "negative": "negative"}
HEADLINE = "Chancellor sets out plans to cut taxes for small firms"
TOPIC_WORDS = {  # the BBC News classes -> label words
    "business": "business",
    "entertainment": "entertainment",
    "politics": "politics",
    "sports": "sport",
    "tech": "technology",
}
SENTENCE_A = "The company reported higher profits this year."
SENTENCE_B = "This year the firm's earnings went up."

LIBRARY: tuple[LibraryTemplate, ...] = (
    LibraryTemplate("sentiment", "zero-shot", "Review: {text}\nSentiment:", {"text": REVIEW}, SENTIMENT_WORDS),
    LibraryTemplate(
        "sentiment",
        "few-shot",
        "Review: A boring, far too long film.\nSentiment: negative\n\n"
        "Review: I loved every minute of it.\nSentiment: positive\n\n"
        "Review: {text}\nSentiment:",
        {"text": REVIEW},
        SENTIMENT_WORDS,
    ),
    LibraryTemplate(
        "sentiment",
        "instruction",
        "Classify the sentiment of the review as positive or negative.\nReview: {text}\nAnswer:",
        {"text": REVIEW},
        SENTIMENT_WORDS,
    ),
    LibraryTemplate(
        "sentiment", "cloze", "{text} All in all, it was a", {"text": REVIEW}, {"positive": "good", "negative": "bad"}
    ),
    LibraryTemplate(
        "sentiment",
        "chat",
        "Is this review positive or negative? Answer with one word.\n\n{text}",
        {"text": REVIEW},
    ),
    LibraryTemplate(
        "paraphrase",
        "zero-shot",
        "Sentence 1: {sentence1}\nSentence 2: {sentence2}\nDo they mean the same thing?",
        {"sentence1": SENTENCE_A, "sentence2": SENTENCE_B},
        {"yes": "Yes", "no": "No"},
    ),
    LibraryTemplate(
        "paraphrase",
        "few-shot",
        "Sentence 1: The cat sat on the mat.\nSentence 2: A cat was sitting on the mat.\nSame meaning: yes\n\n"
        "Sentence 1: He bought a car.\nSentence 2: She sold her house.\nSame meaning: no\n\n"
        "Sentence 1: {sentence1}\nSentence 2: {sentence2}\nSame meaning:",
        {"sentence1": SENTENCE_A, "sentence2": SENTENCE_B},
        {"yes": "yes", "no": "no"},
    ),
    LibraryTemplate(
        "paraphrase",
        "instruction",
        "Rewrite the sentence with other words, keeping its meaning.\nSentence: {sentence1}\nRewritten:",
        {"sentence1": SENTENCE_A},
    ),
    LibraryTemplate(
        "paraphrase", "chat", "Paraphrase this sentence: {sentence1}", {"sentence1": "The meeting was postponed."}
    ),
    LibraryTemplate("topic", "zero-shot", "Headline: {text}\nTopic:", {"text": HEADLINE}, TOPIC_WORDS),
    LibraryTemplate(
        "topic",
        "few-shot",
        "Headline: Striker scores twice in cup final\nTopic: sport\n\n"
        "Headline: New phone chip doubles battery life\nTopic: technology\n\n"
        "Headline: {text}\nTopic:",
        {"text": HEADLINE},
        TOPIC_WORDS,
    ),
    LibraryTemplate("topic", "cloze", "{text}. This news article is about", {"text": HEADLINE}, TOPIC_WORDS),
    LibraryTemplate(
        "topic",
        "chat",
        "Which topic is this headline about: business, entertainment, politics, sport or technology?\n\n{text}",
        {"text": HEADLINE},
    ),
    LibraryTemplate("qa", "cloze", "The capital of {country} is", {"country": "France"}),
    LibraryTemplate("qa", "zero-shot", "Question: {question}\nAnswer:", {"question": "What is the capital of France?"}),
    LibraryTemplate(
        "qa",
        "few-shot",
        "Question: What is the capital of Italy?\nAnswer: Rome\n\n"
        "Question: What is the capital of Japan?\nAnswer: Tokyo\n\n"
        "Question: {question}\nAnswer:",
        {"question": "What is the capital of France?"},
    ),
    LibraryTemplate("qa", "chat", "{question}", {"question": "What is the capital of France?"}),
)


def library(name: str) -> LibraryTemplate:
    for entry in LIBRARY:
        if entry.name == name:
            return entry
    raise InputError("templates.err.not_in_library", name=name, known=", ".join(library_names()))


def library_names() -> list[str]:
    return [entry.name for entry in LIBRARY]
