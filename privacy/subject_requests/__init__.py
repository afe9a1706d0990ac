"""Data-subject requests: verification, deadlines, the access package, erasure, and the workflows staff run."""
