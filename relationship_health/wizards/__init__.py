from . import relationship_review_wizard
from . import relationship_share_wizard
