from . import res_partner
from . import relationship_health
from . import relationship_money_health
from . import relationship_revitalization_goal
from . import relationship_revitalization_plan
