"""Subset Noto Sans CJK JP into the small fonts the game ships in assets/fonts/.

Run from the repository (fontTools is a tool of this script only, not a project dependency):

    apt-get install -y fonts-noto-cjk          # Debian's Noto Sans CJK (.ttc collections)
    uv run --with fonttools python scripts/make_font.py

Kept: printable ASCII, Latin-1 punctuation and signs, a few maths signs and arrows, hiragana,
katakana, CJK symbols and punctuation, full-width forms, the 1,026 kyouiku kanji (those taught
in Japanese primary school, grades 1-6, 2020 list, as graded in KANJIDIC2) and every character
of the texts in game/i18n/ (every language's module). The output is byte-for-byte reproducible from the same source fonts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import i18n  # noqa: E402  (pure Python: no pygame)

SOURCES = {
    "Regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "Bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
FAMILY = "Noto Sans CJK JP"
OUT_NAME = "NotoSansJP-Subset-{weight}.otf"

KYOUIKU_KANJI = (
    # grade 1: 80
    "一七三上下中九二五人休先入八六円出力十千口右名四土夕大天女子字学小山川左年手文日"
    "早月木本村林校森正気水火犬玉王生田男町白百目石空立竹糸耳花草虫見貝赤足車金雨青音"
    # grade 2: 160
    "万丸交京今会体何作元兄光公内冬刀分切前北午半南原友古台合同回図国園地場声売夏外多"
    "夜太妹姉室家寺少岩工市帰広店弓引弟弱強当形後心思戸才教数新方明星春昼時晴曜書朝来"
    "東楽歌止歩母毎毛池汽活海点父牛理用画番直矢知社秋科答算米紙細組絵線羽考聞肉自船色"
    "茶行西親角言計記話語読谷買走近通週道遠里野長門間雪雲電頭顔風食首馬高魚鳥鳴麦黄黒"
    # grade 3: 200
    "丁世両主乗予事仕他代住使係倍全具写列助勉動勝化区医去反取受号向君味命和品員商問坂"
    "央始委守安定実客宮宿寒対局屋岸島州帳平幸度庫庭式役待急息悪悲想意感所打投拾持指放"
    "整旅族昔昭暑暗曲有服期板柱根植業様横橋次歯死氷決油波注泳洋流消深温港湖湯漢炭物球"
    "由申界畑病発登皮皿相県真着短研礼神祭福秒究章童笛第筆等箱級終緑練羊美習者育苦荷落"
    "葉薬血表詩調談豆負起路身転軽農返追送速進遊運部都配酒重鉄銀開院陽階集面題飲館駅鼻"
    # grade 4: 202
    "不争井付令以仲伝位低佐例便信倉候借健側働億兆児共兵典冷初別利刷副功加努労勇包卒協"
    "単博印参司各周唱器固城埼塩変夫失奈好媛季孫完官害富察岐岡崎巣差希席帯底府康建径徒"
    "徳必念愛成戦折挙改敗散料旗昨景最望未末札材束松果栃栄案梅梨械極標機欠残氏民求沖治"
    "法泣浅浴清満滋漁潟灯無然焼照熊熱牧特産的省祝票種積競笑管節約結給続縄置群老臣良芸"
    "芽英茨菜街衣要覚観訓試説課議貨賀軍輪辞辺連達選郡量録鏡関阜阪陸隊静順願類飛飯養香"
    "験鹿"
    # grade 5: 193
    "久仏仮件任似余価保修個停備像再刊判制則効務勢厚句可史告喜営因団囲圧在均型基堂報境"
    "墓増士夢妻婦容寄導居属布師常幹序弁張往得復志応快性情態慣技招授採接提損支政故救断"
    "旧易暴条枝査格桜検構武歴殺毒比永河液混減測準演潔災燃版犯状独率現留略益眼破確示祖"
    "禁移程税築粉精紀素経統絶綿総編績織罪義耕職肥能脈興舎航術衛製複規解設許証評講謝識"
    "護豊象財貧責貯貸費貿資賛賞質輸述迷逆造過適酸鉱銅防限険際雑非領額飼"
    # grade 6: 191
    "並乱乳亡仁供俳俵値傷優党冊処券刻割創劇勤危卵厳収后否吸呼善困垂域奏奮姿存孝宅宇宗"
    "宙宝宣密寸専射将尊就尺届展層己巻幕干幼庁座延律従忘忠恩憲我批承担拝拡捨探推揮操敬"
    "敵映晩暖暮朗机枚染株棒模権樹欲段沿泉洗派済源潮激灰熟片班異疑痛皇盛盟看砂磁私秘穀"
    "穴窓筋策簡糖系紅納純絹縦縮署翌聖肺胃背胸脳腸腹臓臨至舌若著蒸蔵蚕衆裁装裏補視覧討"
    "訪訳詞誌認誕誠誤論諸警貴賃退遺郵郷針銭鋼閉閣降陛除障難革頂預骨"
)

EXTRA = "×·–—…°±√²½‘’“”←↑→↓−≈≤≥∞∇∂ΣΔηθ※〜"


def _ranges(*pairs: tuple[int, int]) -> set[int]:
    return {cp for lo, hi in pairs for cp in range(lo, hi + 1)}


def codepoints() -> set[int]:
    """Every code point the subset keeps (some may be missing from the source font)."""
    cps = _ranges(
        (0x20, 0x7E),  # printable ASCII
        (0xA0, 0xBF),  # Latin-1 punctuation and signs
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x309F),  # hiragana
        (0x30A0, 0x30FF),  # katakana
        (0xFF01, 0xFF9F),  # full-width forms and half-width katakana
        (0xFFE0, 0xFFEE),
    )
    cps |= {ord(c) for c in EXTRA + KYOUIKU_KANJI}
    for texts in i18n.TEXTS.values():
        for s in texts.values():
            cps |= {ord(c) for c in s}
    return cps


def load_face(path: Path, family: str = FAMILY) -> TTFont:
    """The face of ``family`` from a .ttc collection, or the font itself from an .otf/.ttf."""
    if not path.exists():
        raise SystemExit(f"source font {path} not found: apt-get install -y fonts-noto-cjk")
    if path.suffix.lower() in (".ttc", ".otc"):
        faces = TTCollection(path).fonts
        names = [f["name"].getDebugName(1) for f in faces]
        if family not in names:
            raise SystemExit(f"{path} has no face {family!r}; it has {names}")
        index = names.index(family)
        return TTFont(path, fontNumber=index, recalcTimestamp=False)
    return TTFont(path, recalcTimestamp=False)


def make_subset(src: Path, dst: Path, cps: set[int]) -> int:
    """Write the subset of ``src`` to ``dst``; return how many requested code points it lacks."""
    font = load_face(src)
    cmap = font.getBestCmap()
    present = {cp for cp in cps if cp in cmap}
    options = subset.Options()
    options.name_IDs = ["*"]  # keep copyright, trademark and licence records
    options.name_languages = ["*"]
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "DSIG"]
    options.layout_features = ["kern", "palt", "liga", "ccmp", "locl"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=present)
    subsetter.subset(font)
    dst.parent.mkdir(parents=True, exist_ok=True)
    font.save(dst)
    return len(cps - present)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "fonts", help="output folder")
    args = parser.parse_args(argv)
    cps = codepoints()
    for weight, src in SOURCES.items():
        dst = args.out / OUT_NAME.format(weight=weight)
        missing = make_subset(src, dst, cps)
        print(f"{dst}: {dst.stat().st_size / 1024:.0f} KiB, {len(cps) - missing} characters"
              f" ({missing} requested ones not in the source)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
