"""ZI indicator catalogue, evidence register and reports."""
