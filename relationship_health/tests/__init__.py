from . import test_lifecycle
from . import test_interaction
from . import test_capture
from . import test_access
from . import test_health
from . import test_ui
