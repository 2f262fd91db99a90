"""The web app (``bantin serve``): editors' and public pages. May import: site, mail and below.

The factory: ``digest.web.app.create_app(db_url=None)``.

Modules: ``app`` (factory, middleware, error pages), ``headers`` (CSP and the other
security headers), ``sessions`` (signed cookie sessions),
``auth`` (password, rate limit), ``csrf`` (tokens, origin check), ``views`` (Jinja rendering),
``routes_auth`` (/login, /logout), ``routes_bulletins`` (the editor pages and actions),
``publishing`` (site rebuild and e-mail after a publish), ``public`` (subscribe, confirm,
unsubscribe). Templates: templates/web/ and templates/public/.
"""
