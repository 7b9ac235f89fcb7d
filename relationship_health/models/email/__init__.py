from . import mail_message
from . import mail_mail
from . import res_company
from . import res_config_settings
from . import relationship_interaction
