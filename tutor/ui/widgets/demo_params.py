"""The parameter controls of one demo: a Select per choice, an Input per number.

`+` and `-` step the focused control (choices cycle; numbers move by the parameter's step,
kept in range). In a number box they step when what is typed is a complete number with the
cursor at its end; otherwise they are typed (for `-3` or `1e-3`). Valid values post
`DemoParams.Changed`; invalid ones post `DemoParams.Invalid` with the message naming the
valid range.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.message import Message
from textual.widgets import Input, Label, Select


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return not text.rstrip().lower().endswith("e")


class ParamInput(Input):
    """A number box for one parameter; `+`/`-` step it."""

    BINDINGS = [
        Binding("plus", "step(1)", "Step +", show=False, priority=True, id="demo-param.step-up"),
        Binding("minus", "step(-1)", "Step −", show=False, priority=True, id="demo-param.step-down"),
    ]

    def __init__(self, param: Any, value: Any) -> None:
        from tutor.demos import fmt_value

        super().__init__(value=fmt_value(value), compact=True, id=f"param-{param.name}",
                         tooltip=f"{param.help} — {param.range_text()}; + / - to step")
        self.param = param

    def action_step(self, direction: int) -> None:
        """Step the value, or type the sign when the box does not hold a complete number."""
        if _is_number(self.value) and self.cursor_at_end:
            self.parent_params().step(self.param.name, direction)
        else:
            self.insert_text_at_cursor("+" if direction > 0 else "-")

    def parent_params(self) -> DemoParams:
        """The DemoParams this box belongs to."""
        for node in self.ancestors:
            if isinstance(node, DemoParams):
                return node
        raise LookupError("ParamInput outside DemoParams")


class ParamSelect(Select[str]):
    """A choice for one parameter; `+`/`-` cycle it."""

    BINDINGS = [
        Binding("plus", "step(1)", "Step +", show=False, id="demo-choice.step-up"),
        Binding("minus", "step(-1)", "Step −", show=False, id="demo-choice.step-down"),
    ]

    def __init__(self, param: Any, value: str) -> None:
        super().__init__([(c, c) for c in param.choices], value=value, allow_blank=False, compact=True,
                         id=f"param-{param.name}", tooltip=f"{param.help}; + / - to cycle")
        self.param = param

    def action_step(self, direction: int) -> None:
        """The next (or previous) choice."""
        self.value = self.param.stepped(self.value, direction)


class DemoParams(Grid):
    """Label and control for every parameter of a demo, two to a row on wide screens."""

    class Changed(Message):
        """A parameter now has a new valid value."""

        def __init__(self, name: str, value: Any, immediate: bool) -> None:
            super().__init__()
            self.name = name
            self.value = value
            self.immediate = immediate

    class Invalid(Message):
        """What is typed in a parameter box is not valid; `message` names the valid range."""

        def __init__(self, name: str, message: str) -> None:
            super().__init__()
            self.name = name
            self.message = message

    def __init__(self, demo: Any, values: Mapping[str, Any], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.demo = demo
        self.values = dict(values)
        self._invalid: set[str] = set()  # parameters whose box shows an error

    def compose(self) -> ComposeResult:
        """A label and a control per parameter."""
        for p in self.demo.params:
            yield Label(p.name, classes="param-label", id=f"label-{p.name}")
            if p.kind == "choice":
                yield ParamSelect(p, str(self.values[p.name]))
            else:
                yield ParamInput(p, self.values[p.name])

    def on_mount(self) -> None:
        """Grey out the parameters the current values make irrelevant."""
        self.sync_applicable()

    def sync_applicable(self) -> None:
        """Disable a control whose parameter does not apply (`variance` unless init = custom),
        so its value is not read as the one in use."""
        for p in self.demo.params:
            if p.only_when is None:
                continue
            applies = p.applies(self.values)
            self.control(p.name).disabled = not applies
            label = self.query_one(f"#label-{p.name}", Label)
            label.set_class(not applies, "-inapplicable")
            label.tooltip = None if applies else f"used only when {p.only_when[0]} = {p.only_when[1]}"

    def control(self, name: str) -> ParamInput | ParamSelect:
        """The control of parameter `name`."""
        return self.query_one(f"#param-{name}")  # type: ignore[return-value]

    def step(self, name: str, direction: int) -> None:
        """Move parameter `name` one step and show it; posts Changed at once."""
        from tutor.demos import fmt_value

        param = self.demo.param(name)
        new = param.stepped(self.values[name], direction)
        control = self.control(name)
        if isinstance(control, ParamSelect):
            control.value = str(new)
            return
        self.values[name] = new
        with control.prevent(Input.Changed):
            control.value = fmt_value(new)
            control.cursor_position = len(control.value)
        control.remove_class("-invalid")
        self._invalid.discard(name)
        self.post_message(self.Changed(name, new, immediate=True))

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show these values in the controls (without posting Changed)."""
        from tutor.demos import fmt_value

        self.call_after_refresh(self.sync_applicable)
        for name, value in values.items():
            self.values[name] = value
            control = self.control(name)
            if isinstance(control, ParamSelect):
                with control.prevent(Select.Changed):
                    control.value = str(value)
            else:
                with control.prevent(Input.Changed):
                    control.value = fmt_value(value)
                control.remove_class("-invalid")
                self._invalid.discard(name)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Validate a typed number; post Changed (debounced by the screen) or Invalid."""
        event.stop()
        self._accept(event.input, event.value, immediate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter recomputes at once."""
        event.stop()
        self._accept(event.input, event.value, immediate=True)

    def _accept(self, control: Any, text: str, *, immediate: bool) -> None:
        from tutor.demos import ParamError

        param = control.param
        try:
            value = param.validate(text)
        except ParamError as exc:
            control.add_class("-invalid")
            self._invalid.add(param.name)
            self.post_message(self.Invalid(param.name, str(exc)))
            return
        was_invalid = param.name in self._invalid  # (Input keeps its own -invalid class in step)
        self._invalid.discard(param.name)
        control.remove_class("-invalid")
        if value == self.values.get(param.name) and not immediate and not was_invalid:
            return  # (after an error, the same value is posted again so the error clears)
        self.values[param.name] = value
        self.post_message(self.Changed(param.name, value, immediate=immediate))

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new choice recomputes at once."""
        event.stop()
        control = event.select
        if not isinstance(control, ParamSelect) or event.value == self.values.get(control.param.name):
            return
        self.values[control.param.name] = event.value
        self.sync_applicable()
        self.post_message(self.Changed(control.param.name, event.value, immediate=True))
