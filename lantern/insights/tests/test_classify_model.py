# ruff: noqa: E501  (the test posts are prose, kept one per line)
"""The announcement classifier: obvious posts get the obvious codes, in Simplified, Traditional and
English; retraining with coded examples changes what it says; a saved model is loaded, not retrained.

The posts here were written for these tests; none comes from the development set."""

import numpy as np
import pytest

from lantern.insights import classify
from lantern.insights.classify import LABELS, get_classifier, train_classifier


@pytest.fixture(autouse=True)
def no_model_files(monkeypatch):
    """Train once per test process, keep it in memory, write nothing under VAR_DIR."""
    monkeypatch.setattr(classify, "_store_dir", lambda: None)


def codes(post: dict) -> set[str]:
    [p] = get_classifier().predict([post])
    return set(p.categories) | set(p.features)


CLEAR = [
    # (expected code, title, text)
    (
        "emergency",
        "市图书馆临时闭馆公告",
        "根据疫情防控要求，市图书馆自即日起暂停开放，各项线下活动同时取消，恢复开放时间另行通知。闭馆期间借阅图书不计逾期。",
    ),
    (
        "emergency",
        "Library buildings close until further notice",
        "All branches are closed to the public until further notice because of COVID-19. Due dates are extended and late fines are waived while we are closed.",
    ),
    (
        "reading_online",
        "“云阅读”电子书免费看",
        "闭馆期间，读者可通过图书馆微信公众号扫码免费阅读上万种电子书和有声书，还可观看线上讲座直播。",
    ),
    (
        "reading_online",
        "Free e-books and audiobooks online",
        "Borrow e-books and audiobooks from home with Libby and OverDrive, and join our virtual book club on Zoom every Thursday evening.",
    ),
    (
        "reading_offline",
        "图书快递到家服务上线",
        "读者在网上预约借书后，图书馆将图书消毒打包，通过快递免费配送上门，读完后可到还书箱归还。",
    ),
    (
        "reading_offline",
        "Curbside pickup of holds begins",
        "Place holds online, then pick up your books at the curbside table outside the main entrance. Staff will bring your bag of books to your car.",
    ),
    (
        "information",
        "图书馆发布疫情防护知识与辟谣指南",
        "图书馆整理权威防疫知识，发布辟谣信息和健康科普指南，帮助读者辨别网络谣言，馆员在线解答读者咨询。",
    ),
    (
        "information",
        "Reliable COVID-19 health information",
        "Our librarians have put together a guide to reliable health information about the coronavirus from the CDC, with tips on spotting rumors and misinformation. Ask a librarian by chat or phone.",
    ),
    (
        "social",
        "图书馆职工下沉社区支援防疫一线",
        "图书馆组织党员志愿者下沉社区，协助卡口值守和物资配送，并向一线医务人员捐赠口罩等防疫物资。",
    ),
    (
        "social",
        "Staff and volunteers deliver groceries to seniors",
        "Library staff and volunteers are delivering groceries and donated food to homebound seniors and families in need during the pandemic.",
    ),
    (
        "resources",
        "征集抗疫记忆文献",
        "图书馆面向社会征集抗疫日记、照片、视频和实物，建设本地抗疫记忆专题资源库，永久保存这段历史。",
    ),
    (
        "resources",
        "Help build our pandemic archive",
        "The library is collecting diaries, photos and oral histories from residents to document life during the pandemic for a local history archive.",
    ),
    ("targeted_groups", "少儿阅读推广活动", "图书馆为儿童和家长举办亲子绘本故事会，小朋友们在老师带领下共读绘本。"),
    (
        "targeted_groups",
        "Large print books for seniors",
        "Older adults and readers with vision impairments can borrow large print books and audiobooks; seniors who are homebound can ask for delivery.",
    ),
    (
        "cross_industry",
        "图书馆联合书店、博物馆举办阅读节",
        "图书馆联合本地书店、博物馆和电视台共同举办读书节活动，合作推出系列展览和讲座。",
    ),
    (
        "cross_industry",
        "Library partners with the health department",
        "In partnership with the county health department and the local hospital, the library hosts a vaccine clinic in the community room.",
    ),
    (
        "social_participation",
        "招募阅读推广志愿者",
        "图书馆面向社会招募志愿者，欢迎市民踊跃报名参与图书整理和故事会领读等志愿服务。",
    ),
    (
        "social_participation",
        "Volunteers wanted to sew masks",
        "Residents who can sew are invited to volunteer and donate homemade cloth masks; drop off your contribution at any branch.",
    ),
]


@pytest.mark.parametrize(("code", "title", "text"), CLEAR, ids=[f"{c[0]}-{i}" for i, c in enumerate(CLEAR)])
def test_a_clear_post_gets_the_obvious_code(code, title, text):
    assert code in codes({"title": title, "text": text})


def test_every_post_gets_a_category_and_a_confidence_for_all_nine_codes():
    predictions = get_classifier().predict([{"title": "", "text": "你好"}, {"title": "Hello", "text": ""}])
    for p in predictions:
        assert p.categories
        assert set(p.confidence) == set(LABELS)
        assert all(0.0 <= v <= 1.0 for v in p.confidence.values())


def test_traditional_chinese_gets_the_same_codes_as_its_simplified_twin():
    simplified = {
        "title": "图书馆恢复开放与图书宅配服务",
        "text": "图书馆自3月2日起恢复开放，入馆须佩戴口罩并测量体温。行动不便的长者可申请图书宅配到府，志愿者将书送到家中。",
    }
    traditional = {
        "title": "圖書館恢復開放與圖書宅配服務",
        "text": "圖書館自3月2日起恢復開放，入館須佩戴口罩並測量體溫。行動不便的長者可申請圖書宅配到府，志願者將書送到家中。",
    }
    [s, t] = get_classifier().predict([simplified, traditional])
    assert (s.categories, s.features) == (t.categories, t.features)
    assert s.confidence == pytest.approx(t.confidence, abs=1e-3)


def test_retraining_with_coded_examples_changes_a_prediction():
    post = {
        "title": "Chess tournament in the meeting room",
        "text": "The chess club meets on Saturday for a friendly tournament.",
    }
    before = get_classifier().predict([post])[0]
    assert "resources" not in before.categories
    extra = [
        {
            "title": f"Chess tournament {i}",
            "text": f"The chess club holds a tournament round {i} on Saturday.",
            "categories": ["resources"],
            "features": [],
        }
        for i in range(12)
    ]
    after = train_classifier(extra).predict([post])[0]
    assert "resources" in after.categories
    assert after.confidence["resources"] > before.confidence["resources"]


def test_a_saved_classifier_is_loaded_instead_of_retrained(monkeypatch, tmp_path):
    monkeypatch.setattr(classify, "_store_dir", lambda: tmp_path)
    monkeypatch.setattr(classify, "_cached", None)
    first = get_classifier()
    [saved] = tmp_path.glob("classifier-*.pickle")
    assert classify.model_key() in saved.name
    monkeypatch.setattr(classify, "_cached", None)
    monkeypatch.setattr(classify, "train_classifier", lambda *a, **k: pytest.fail("retrained"))
    second = get_classifier()
    post = [{"title": "闭馆通知", "text": "本馆暂停开放。"}]
    assert second is not first
    assert second.predict(post)[0].confidence == first.predict(post)[0].confidence


def test_a_retrained_classifier_is_saved_used_by_a_new_process_and_can_be_forgotten(monkeypatch, tmp_path):
    monkeypatch.setattr(classify, "_store_dir", lambda: tmp_path)
    post = {"title": "Chess tournament in the meeting room", "text": "The chess club meets on Saturday."}
    extra = [
        {"title": f"Chess tournament {i}", "text": f"Chess round {i} on Saturday.", "categories": ["resources"]}
        for i in range(12)
    ]
    assert "resources" not in get_classifier().predict([post])[0].categories
    classify.use_classifier(train_classifier(extra))
    # A fresh process: nothing cached, only the files under VAR_DIR.
    monkeypatch.setattr(classify, "_cached", None)
    monkeypatch.setattr(classify, "_cached_source", "")
    assert classify.retrained_in_use()
    assert "resources" in get_classifier().predict([post])[0].categories
    assert classify.forget_retrained() is True
    assert not classify.retrained_in_use()
    assert "resources" not in get_classifier().predict([post])[0].categories
    assert classify.forget_retrained() is False


def test_a_process_notices_a_model_retrained_by_another(monkeypatch, tmp_path):
    monkeypatch.setattr(classify, "_store_dir", lambda: tmp_path)
    post = {"title": "Chess tournament", "text": "The chess club meets on Saturday."}
    first = get_classifier()
    retrained = train_classifier(
        [{"title": f"Chess {i}", "text": f"Chess round {i}.", "categories": ["resources"]} for i in range(12)]
    )
    # Another process saves its retrained model: this one still holds the bundled classifier in memory.
    classify._save(retrained, classify._retrained_path(tmp_path), "retrained-*.pickle")
    assert get_classifier() is not first
    assert "resources" in get_classifier().predict([post])[0].categories


# The categories' and the features' thresholds per language: (attribute, a code it covers, its first code).
PER_LANGUAGE = [
    ("category_thresholds", "information", 0),
    ("feature_thresholds", "cross_industry", len(classify.CATEGORIES)),
]


@pytest.mark.parametrize(("attribute", "code", "first"), PER_LANGUAGE)
def test_codes_are_cut_at_the_threshold_of_the_posts_language(attribute, code, first):
    clf = classify.Classifier(classify.Options())
    column = LABELS.index(code)
    width = len(classify.CATEGORIES) if first == 0 else len(LABELS) - first
    thresholds = np.full((2, width), 0.5)
    thresholds[1, column - first] = 0.7  # Chinese posts need more evidence for this code here
    setattr(clf, attribute, thresholds)
    proba = np.full((2, len(LABELS)), 0.1)
    proba[:, column] = 0.6
    proba[:, LABELS.index("emergency")] = 0.55
    english, chinese = clf.decide(proba, chinese=np.array([0.0, 1.0]))
    assert english[column] and not chinese[column]
    # Without the language, the one threshold per code applies (0.5 here) to both.
    assert clf.decide(proba)[:, column].all()


@pytest.mark.parametrize(("attribute", "code", "first"), PER_LANGUAGE)
def test_the_shipped_classifier_has_thresholds_for_each_language(attribute, code, first):
    thresholds = getattr(get_classifier(), attribute)
    assert thresholds.shape == (2, len(classify.CATEGORIES) if first == 0 else len(LABELS) - first)
    assert ((thresholds >= 0.1) & (thresholds <= 0.9)).all()
