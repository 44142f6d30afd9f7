"""The citizen's touch screen: the idle screen, the survey one question at a time, and the supervisor's corner."""
