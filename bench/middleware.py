from django.db import connection
from django.test.utils import CaptureQueriesContext


class QueryCountHeader:
    """Adds X-Query-Count to every response (benchmark only: capturing queries costs a little)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with CaptureQueriesContext(connection) as queries:
            response = self.get_response(request)
        response["X-Query-Count"] = str(len(queries))
        return response
