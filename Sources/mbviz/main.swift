print("mbviz")
