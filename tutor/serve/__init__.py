"""`tutor serve`: the tutor in the browser for a class, on textual-serve.

One tutor process per browser tab, started only after sign-in, with the signed-in student's
own data folder; loopback by default; a page served entirely from this machine; a cap on
concurrent sessions, an idle timeout and a clean stop. Not imported by the core or the TUI.

    config.py     ServeConfig: host, port, public URL, limits (defaults from measured capacity)
    cookies.py    the signed session cookie (itsdangerous)
    ratelimit.py  sign-in attempts per address and per student
    sessions.py   one tutor process per tab (textual-serve's AppService), the pool and its limits
    web.py        the aiohttp application: pages, sign-in, the websocket
    run.py        running it until Ctrl+C / SIGTERM, then ending every session
"""
