"""The general rules on pages written after the layouts of the Russian and Chinese
outlets the pipeline is for, with no profile: each story whole and cut short comes out,
never much worse than bare trafilatura's reading of the same page."""

from __future__ import annotations

import pytest
import trafilatura

from pipeline.bench.scoring import page_f1
from pipeline.extract import extract_article

RU = ["Президент России провёл переговоры с председателем КНР в Кремле, стороны обсудили торговлю и энергетику.",
      "По словам пресс-секретаря, встреча продолжалась более трёх часов и прошла в конструктивной атмосфере.",
      "Стороны подписали пакет соглашений о сотрудничестве в области транспорта, сельского хозяйства и науки.",
      "Эксперты отмечают, что объём товарооборота между странами в прошлом году достиг рекордного уровня.",
      "Следующая встреча лидеров запланирована на осень, сообщили в администрации президента."]
ZH = ["国家主席在人民大会堂同来访的俄罗斯总统举行会谈，双方就双边关系和共同关心的国际问题深入交换意见。",
      "双方一致同意，继续深化全面战略协作伙伴关系，推动贸易、能源、交通等领域务实合作取得更多成果。",
      "会谈后，两国元首共同签署并发表联合声明，见证签署多项合作文件，涉及农业、科技和人文交流。",
      "分析人士指出，两国贸易额去年创历史新高，能源合作是双边经贸关系的重要支柱。",
      "双方还就乌克兰危机、亚太局势等国际和地区问题交换了看法，同意加强在多边框架内的协调配合。"]
_NAV_RU = "".join(f'<a href="/{w}/">{w}</a>' for w in "Политика Экономика Общество Спорт Культура Наука Регионы Мир".split())
_NAV_ZH = "".join(f'<a href="/{i}/">{w}</a>' for i, w in enumerate("时政 国际 财经 社会 体育 文化 科技 军事".split()))
_REL_RU = "".join(f'<li><a href="/politics/2024030{i}/news{i}.html">Новость номер {i} о важных событиях в стране и мире</a></li>'
                  for i in range(6))
_REL_ZH = "".join(f'<li><a href="/politics/2024030{i}/c{i}.html">第{i}条相关新闻：重要事件持续受到关注</a></li>' for i in range(6))


# each layout: the page around {body}, how it prints one paragraph, the story's language
LAYOUTS = {
    "ria": (  # each paragraph a <div> block, no <p>
        f'<html lang="ru"><body><header><nav>{_NAV_RU}</nav></header><div class="layout"><div class="article">'
        '<h1 class="article__title">Переговоры в Кремле</h1><div class="article__info-date"><a href="/20240305/">14:30 05.03.2024'
        '</a></div>{body}<div class="article__tags"><a href="/tag1/">Политика</a> <a href="/tag2/">Россия</a></div></div>'
        f'<aside><ul>{_REL_RU}</ul></aside></div><footer>© 2024 МИА «Россия сегодня»</footer></body></html>',
        '<div class="article__block" data-type="text"><div class="article__text">{}</div></div>', RU),
    "tass": (
        f'<html lang="ru"><body><nav>{_NAV_RU}</nav><main><h1>Переговоры в Кремле</h1><div class="text-content">{{body}}</div>'
        f'<div class="related"><h3>Читайте также</h3><ul>{_REL_RU}</ul></div></main><footer>ТАСС</footer></body></html>',
        "<p>{}</p>", RU),
    "interfax": (
        f'<html lang="ru"><body><div class="nav">{_NAV_RU}</div><div class="mainblock"><article itemprop="articleBody">'
        f'<h1>Переговоры в Кремле</h1>{{body}}</article><div class="sideblock"><ul>{_REL_RU}</ul></div></div></body></html>',
        "<p>{}</p>", RU),
    "xinhua": (  # its time stamp split into spans, its foot a button and the editor's credit
        f'<html lang="zh"><body><div class="nav">{_NAV_ZH}</div><div class="main"><div class="head-line"><h1><span class="title">'
        '两国元首举行会谈</span></h1></div><div class="header-time"><span class="year"><em>2024</em></span><span class="day">'
        '<em>03</em>/<em>05</em></span></div><div id="detail">{body}<p>【纠错】 【责任编辑:王五】</p></div>'
        f'<div class="relatedNews"><ul>{_REL_ZH}</ul></div></div></body></html>',
        "<p>\u3000\u3000{}</p>", ZH),
    "chinadaily": (
        f'<html lang="zh"><body><div class="topNav">{_NAV_ZH}</div><div class="container"><h1 class="dabiaoti">两国元首举行会谈'
        '</h1><div class="fenx"><div class="xinf-le">来源：中国日报网 2024-03-05 14:30</div></div><div id="Content">{body}</div>'
        f'<div class="tuijian"><ul>{_REL_ZH}</ul></div></div></body></html>',
        "<p>{}</p>", ZH),
    "table-zh": (  # an old table template: a row of glued menu links, the story as <br> lines
        f'<html lang="zh"><body><table><tr><td>{_NAV_ZH}</td></tr><tr><td><font size="4"><b>两国元首举行会谈</b></font><br>'
        f'2024年03月05日<br>{{body}}<br><ul>{_REL_ZH}</ul></td></tr></table></body></html>',
        "\u3000\u3000{}<br>", ZH),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_story_in_an_outlets_layout_comes_out_whole_and_cut_short(layout):
    page, paragraph, paras = LAYOUTS[layout]
    url = "https://www.outlet.example/politics/20240305/news.html"
    for k in (5, 2):
        html = page.replace("{body}", "".join(paragraph.format(p) for p in paras[:k]))
        story = "\n".join(paras[:k])
        got = extract_article(html, url)
        ours = page_f1(story, got.text if got else None)
        bare = page_f1(story, trafilatura.extract(html, url=url))
        assert ours >= bare - 0.05, (k, ours, bare)
        if k == 5:
            assert ours >= 0.9, ours  # (the table template glues its headline and date to the story)
