from . import report_client_review
