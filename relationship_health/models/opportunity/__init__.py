from . import crm_lead
from . import relationship_interaction
from . import relationship_revitalization_goal
