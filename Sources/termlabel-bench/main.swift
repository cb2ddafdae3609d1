import ArgumentParser

TermLabelBench.main()
