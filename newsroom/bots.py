"""Obvious robots, whose page views and clicks are not counted."""

import re

# Crawlers, link previewers, monitors and HTTP libraries announce themselves; a
# browser never sends an empty User-Agent.
_BOT = re.compile(
    r"bot|crawl|spider|slurp|scrap|preview|facebookexternalhit|embedly|headless|lighthouse"
    r"|pingdom|uptime|monitor|curl|wget|python-|httpclient|okhttp|go-http|java/|libwww|axios"
    r"|yeti|daum(oa)?-?image|bingpreview|feedfetcher|mediapartners",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    return not user_agent or bool(_BOT.search(user_agent))
