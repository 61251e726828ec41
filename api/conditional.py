"""Validators for pollers: an ETag on every answer, and a Last-Modified, with 304 Not
Modified to a request whose If-None-Match still matches or whose If-Modified-Since is
no older than the answer.

The Last-Modified is when the service first gave this caller this exact answer at this
address: remembered in the cache (shared between processes with REDIS_URL) as the last
ETag served there and since when. It costs no query, holds for every list whatever
changed (an update, a review, an edited action, a membership), and can never claim an
answer unchanged when it changed, since any change is a new ETag and so a new time.
"""

import hashlib
import time

from django.core.cache import cache
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import set_response_etag
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date

# Long enough to span a BI tool's refreshes; when forgotten, the next answer is new.
REMEMBERED_FOR = 30 * 24 * 60 * 60


def clock() -> float:
    return time.time()


class PollingValidatorsMiddleware(ConditionalGetMiddleware):
    def process_response(self, request, response):
        if request.method == "GET" and response.status_code == 200 and self.needs_etag(response):
            set_response_etag(response)
            since = _first_served(request, response["ETag"])
            # HTTP dates count whole seconds: an answer first given in this second may
            # still change within it, so it is dated only from the next one.
            if since < int(clock()):
                response["Last-Modified"] = http_date(since)
        return super().process_response(request, response)


def _first_served(request, etag: str) -> int:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"api-answer:{request.user.pk}:{path}"
    remembered = cache.get(key)
    if remembered is not None and remembered[0] == etag:
        return remembered[1]
    since = int(clock())
    cache.set(key, (etag, since), REMEMBERED_FOR)
    return since


polling_validators = decorator_from_middleware(PollingValidatorsMiddleware)
