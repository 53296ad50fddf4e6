"""Obvious robots, whose page views and clicks are not counted."""

import re

# Crawlers, link previewers, monitors and HTTP libraries announce themselves; a
# browser never sends an empty User-Agent. Daum's crawler says "Daum/4.1" while the
# Daum app's in-app browser (real readers) says "DaumApps/", hence "daum/" with a digit.
_BOT = re.compile(
    r"bot|crawl|spider|slurp|scrap|preview|facebookexternalhit|embedly|headless|lighthouse"
    r"|pingdom|uptime|monitor|curl|wget|python-|httpclient|okhttp|go-http|java/|libwww|axios"
    r"|yeti|daumoa|daum/\d|bingpreview|feedfetcher|mediapartners",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    return not user_agent or bool(_BOT.search(user_agent))
