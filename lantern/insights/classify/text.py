"""Text normalisation shared by the lexicons, the model and the date finder.

Chinese is folded to Simplified (OpenCC t2s) so that one lexicon and one model serve mainland,
Taiwanese, Hong Kong and Malaysian posts alike; Latin text is lower-cased and its typographic
quotes and dashes are made plain, so that "Grab ’n Go" and "grab 'n go" are the same words.
"""

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_PUNCT = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return _T2S


def fold(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), Traditional → Simplified, lower case."""
    text = unicodedata.normalize("NFKC", text or "")
    for fancy, plain in _PUNCT.items():  # str.replace per character is faster than str.translate here
        if fancy in text:
            text = text.replace(fancy, plain)
    if _CJK.search(text):
        text = _converter().convert(text)
    return text.lower()


def post_text(post: dict) -> tuple[str, str]:
    """The folded title and body of a post (either may be missing)."""
    return fold(str(post.get("title") or "")), fold(str(post.get("text") or ""))


def language(text: str) -> str:
    """`zh` when a noticeable share of the letters are Chinese characters, otherwise `en`."""
    if not text:
        return "en"
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))  # one C-level pass: a Python loop per character was a third of the time
    return "zh" if cjk >= max(5, latin / 4) else "en"
