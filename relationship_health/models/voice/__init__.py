from . import relationship_satisfaction_request
from . import relationship_satisfaction_planner
from . import relationship_satisfaction_health
from . import relationship_cadence_rule
from . import relationship_problem
from . import relationship_interaction
from . import res_partner
