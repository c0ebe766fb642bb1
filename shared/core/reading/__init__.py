"""Reading a text: lexicons, sentence roles, the classifier and the incident matching rules."""
