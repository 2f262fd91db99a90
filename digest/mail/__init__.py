"""E-mail: subscribers, signed link tokens, composing and sending the bulletin. May import: bulletin and below.

Modules, lowest first: ``address`` (validate, key and deliver-to forms of an address),
``tokens`` (signed confirm/unsubscribe links), ``subscribers`` (the list), ``compose`` (the
messages), ``smtp`` (SMTP transport and the outbox), ``ledger`` (the Delivery rows and their
SQL), ``dryrun`` (--dry-run: messages to the outbox), ``send`` (the sending loop and its
guarantee), ``optin`` (double opt-in: sign up, mail the confirmation link).
"""
