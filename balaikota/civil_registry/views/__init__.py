"""Web pages of civil registration, split by who uses them: ``citizen`` (the application
journey), ``officer`` (queue, review, decisions, signing, assisted intake, the counter),
``appointments`` (the citizen's visit bookings) and ``public`` (/lacak/).

Every view parses with a form, fetches-and-authorizes through the selectors (404 for what the
person may not know exists), calls one service and renders what the selectors read. Refusals
are ``core.errors`` domain errors: shown on the form with the error's status, or by
``core.web`` as a "cannot be done" page — with the same status the API gives.
"""
