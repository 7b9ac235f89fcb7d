from . import relationship_health_component
from . import relationship_health_scorecard
from . import relationship_health
from . import relationship_health_day
from . import relationship_health_snapshot
from . import relationship_health_engine
from . import res_partner

# The extension point of the health score, for other add-ons:
# from odoo.addons.relationship_health.models.health import HealthComponent
from .relationship_health_component import (
    HealthComponent,
    InteractionStatsComponent,
)
