"""The Textual terminal UI: a thin shell over the core (model, engine, study, demos).

Start it with `tutor.ui.app.make_app(exams, store, start).run()`.
"""
