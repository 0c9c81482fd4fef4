"""Priority rounds, "What should we fix first?": a strategy lead makes a round of cards from
themes, statements and actions; young people choose the three that matter most on tablets; staff
see the ranking beside what parent carers and schools raise."""
