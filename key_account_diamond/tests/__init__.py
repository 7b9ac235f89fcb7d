from . import test_stakeholders
from . import test_shape
from . import test_ui
from . import test_access
from . import test_language
from . import test_rules
from . import test_xmlrpc
from . import test_opportunities
