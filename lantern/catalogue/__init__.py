"""Online reading promotion: bibliographic records, copies, e-resources, imports, search, reading lists."""
