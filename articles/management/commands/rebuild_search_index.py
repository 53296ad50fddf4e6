"""Rebuild the search index (articles/search) in batches, with a progress bar.

``--resume`` indexes only stories without an entry, so an interrupted rebuild goes on
where it stopped; without it every story is re-analysed (after an analyzer change).
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Article
from articles.search.backend import get_backend


class Command(BaseCommand):
    help = "검색 색인을 다시 만듭니다(형태소 분석). --resume 이면 색인이 없는 기사만."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--resume", action="store_true", help="색인이 없는 기사만 만듭니다.")

    def handle(self, *args, batch_size, resume, **options):
        if batch_size < 1:
            raise CommandError("--batch-size 는 1 이상이어야 합니다.")
        backend = get_backend()
        articles = Article.objects.all()
        if resume:
            articles = backend.unindexed(articles)
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        with tqdm(total=len(ids), unit="건", disable=options["verbosity"] < 1) as bar:
            for start in range(0, len(ids), batch_size):
                batch = ids[start : start + batch_size]
                backend.index(batch)
                bar.update(len(batch))
        self.stdout.write(f"검색 색인 {len(ids):,}건을 만들었습니다.")
