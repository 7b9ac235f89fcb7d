from . import test_access
from . import test_assessment
from . import test_departure
from . import test_hypothesis
from . import test_messages
from . import test_rules
from . import test_ui
from . import test_xmlrpc
