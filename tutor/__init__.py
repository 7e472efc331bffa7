"""tutor: a terminal tutor for the ECE C147/C247 Winter 2021 deep-learning midterm."""

__version__ = "0.1.0"
