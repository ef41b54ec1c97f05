# gnuplot script written by symlab report; run in this folder: gnuplot cost-scaling.gp
set encoding utf8
set terminal pngcairo size 800,560 font 'DejaVu Sans,11' noenhanced
set output 'cost-scaling.png'
set title 'Cost against neighbour slots'
set xlabel 'neighbour slots per atom (Σ sel)'
set ylabel 'forward FLOPs per atom'
set logscale xy
set autoscale xfix
set offsets graph 0.05, graph 0.05, 0, 0
set grid
set key top left
plot 'cost-scaling.dat' index 0 using 1:2 with linespoints pt 7 lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'cost-scaling.dat' index 1 using 1:2 with linespoints pt 5 lw 2 lc rgb '#D55E00' title 'mean', \
     'cost-scaling.dat' index 2 using 1:2 with linespoints pt 9 lw 2 lc rgb '#009E73' title 'attention-pooling', \
     'cost-scaling.dat' index 3 using 1:2 with linespoints pt 11 lw 2 lc rgb '#CC79A7' title 'gated-attention (small)', \
     'cost-scaling.dat' index 4 using 1:2 with linespoints pt 13 lw 2 lc rgb '#E69F00' title 'isab (small)', \
     'cost-scaling.dat' index 5 using 1:2 with linespoints pt 15 lw 2 lc rgb '#56B4E9' title 'pma', \
     'cost-scaling.dat' index 6 using 1:2 with linespoints pt 7 lw 2 lc rgb '#000000' title 'gram-dense', \
     'cost-scaling.dat' index 7 using 1:2 with linespoints pt 5 lw 2 lc rgb '#8C564B' title 'truncated-axis (M2 = 4)', \
     'cost-scaling.dat' index 8 using 1:2 with linespoints pt 9 lw 2 lc rgb '#7F7F7F' title 'knn-sparse', \
     'cost-scaling.dat' index 9 using 1:2 with linespoints pt 11 lw 2 lc rgb '#BCBD22' title 'three-body-sparse', \
     'cost-scaling.dat' index 10 using 1:2 with linespoints pt 13 lw 2 lc rgb '#9467BD' title 'local-frame', \
     'cost-scaling.dat' index 11 using 1:2 with linespoints pt 15 lw 2 lc rgb '#E41A1C' title 'radial-only'
set terminal svg size 800,560 font 'DejaVu Sans,11' noenhanced
set output 'cost-scaling.svg'
set title 'Cost against neighbour slots'
set xlabel 'neighbour slots per atom (Σ sel)'
set ylabel 'forward FLOPs per atom'
set logscale xy
set autoscale xfix
set offsets graph 0.05, graph 0.05, 0, 0
set grid
set key top left
plot 'cost-scaling.dat' index 0 using 1:2 with linespoints pt 7 lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'cost-scaling.dat' index 1 using 1:2 with linespoints pt 5 lw 2 lc rgb '#D55E00' title 'mean', \
     'cost-scaling.dat' index 2 using 1:2 with linespoints pt 9 lw 2 lc rgb '#009E73' title 'attention-pooling', \
     'cost-scaling.dat' index 3 using 1:2 with linespoints pt 11 lw 2 lc rgb '#CC79A7' title 'gated-attention (small)', \
     'cost-scaling.dat' index 4 using 1:2 with linespoints pt 13 lw 2 lc rgb '#E69F00' title 'isab (small)', \
     'cost-scaling.dat' index 5 using 1:2 with linespoints pt 15 lw 2 lc rgb '#56B4E9' title 'pma', \
     'cost-scaling.dat' index 6 using 1:2 with linespoints pt 7 lw 2 lc rgb '#000000' title 'gram-dense', \
     'cost-scaling.dat' index 7 using 1:2 with linespoints pt 5 lw 2 lc rgb '#8C564B' title 'truncated-axis (M2 = 4)', \
     'cost-scaling.dat' index 8 using 1:2 with linespoints pt 9 lw 2 lc rgb '#7F7F7F' title 'knn-sparse', \
     'cost-scaling.dat' index 9 using 1:2 with linespoints pt 11 lw 2 lc rgb '#BCBD22' title 'three-body-sparse', \
     'cost-scaling.dat' index 10 using 1:2 with linespoints pt 13 lw 2 lc rgb '#9467BD' title 'local-frame', \
     'cost-scaling.dat' index 11 using 1:2 with linespoints pt 15 lw 2 lc rgb '#E41A1C' title 'radial-only'
unset output
