"""Chinese, Japanese and Korean told apart by their letters: kana is Japanese, Hangul
Korean, Han alone Chinese unless a Japanese-only kanji or a Japanese page hint says
otherwise.
"""

from __future__ import annotations

from collections import Counter

# Kanji that Japanese writes but neither simplified nor traditional Chinese does,
# plus the iteration mark: Japanese even in a headline without kana.
_JA_ONLY_HAN = set("々駅広円売読図県沢気関発経済権戦総歳楽対実変労営両価転伝験検険単様悪応桜帯拡恵児辺観覚挙誉仏払浜畳焼峠込働畑枠匂")
# Common simplified-only characters: Chinese, whatever the page says.
_ZH_ONLY_HAN = set("们这说时个会来为对从后发过还进长问开关现东车说话样让给认门间热头买卖亲观难")


def cjk_scores(sample: str, scripts: Counter[str], prior: dict[str, float]) -> tuple[dict[str, float], str]:
    han, kana, hangul = scripts["han"], scripts["kana"], scripts["hangul"]
    cjk = han + kana + hangul
    if hangul >= max(1, 0.2 * cjk) and hangul >= kana:
        return {"ko": 1.0}, "script-hangul"
    if kana >= max(1, 0.05 * cjk):
        return {"ja": 1.0}, "script-kana"
    chars = set(sample)
    ja_marks = len(chars & _JA_ONLY_HAN)
    zh_marks = len(chars & _ZH_ONLY_HAN)
    if ja_marks > zh_marks:
        return {"ja": 0.9, "zh": 0.1}, "han-japanese-forms"
    if zh_marks == 0 and prior.get("ja", 1.0) > prior.get("zh", 1.0) and han <= 40:
        # A short kanji-only headline on a page that says it is Japanese.
        return {"ja": 0.8, "zh": 0.2}, "han-hint"
    return {"zh": 1.0}, "script-han"
