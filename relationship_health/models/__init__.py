from . import relationship_stage_history
from . import relationship_interaction
from . import res_partner
from . import mail_activity_type
from . import mail_activity
from . import calendar_event
