from . import res_partner
from . import mail_compose_message
