"""The sample reading lists: published, bilingual, built from the library's own records, loaded once."""

from lantern.catalogue import demo_lists
from lantern.catalogue.models import ReadingList, Record
from lantern.insights.models import ServiceRecord


def test_demo_lists_are_published_from_the_librarys_records_and_load_once(library_a, library_b):
    for title in ("红楼梦", "鼠疫", "家庭防疫手册", "儿童科普绘本", "The Great Influenza", "心理散文集", "Another"):
        Record.objects.create(library=library_a, title=title)
    assert demo_lists.load({"alpha": library_a, "beta": library_b}) == 4
    lists = ReadingList.objects.at(library_a)
    assert lists.count() == 4 and not ReadingList.objects.at(library_b).exists()  # beta has no records
    assert all(reading_list.is_published and reading_list.title_en for reading_list in lists)
    classics = lists.get(title_zh_hans="居家读经典")
    first = classics.entries.order_by("position").first()
    assert first.record.title == "红楼梦" and first.note_zh_hans and first.note_en
    assert classics.entries.filter(record__isnull=True).exists()  # outside e-resources too
    elderly = lists.get(audience="elderly")
    assert "家庭防疫手册" in [e.display_title for e in elderly.entries.all()]
    assert ServiceRecord.objects.filter(reading_online=True).count() == 4

    assert demo_lists.load({"alpha": library_a, "beta": library_b}) == 0
    assert ReadingList.objects.count() == 4
