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
plot 'cost-scaling.dat' index 0 using 1:2 with linespoints pt 7 lw 2 lc rgb '#0072B2' title 'gram-factored', \
     'cost-scaling.dat' index 1 using 1:2 with linespoints pt 7 lw 2 lc rgb '#D55E00' title 'truncated-axis', \
     'cost-scaling.dat' index 2 using 1:2 with linespoints pt 7 lw 2 lc rgb '#009E73' title 'knn-sparse', \
     'cost-scaling.dat' index 3 using 1:2 with linespoints pt 7 lw 2 lc rgb '#CC79A7' title 'three-body-sparse', \
     'cost-scaling.dat' index 4 using 1:2 with linespoints pt 7 lw 2 lc rgb '#E69F00' title 'local-frame', \
     'cost-scaling.dat' index 5 using 1:2 with linespoints pt 7 lw 2 lc rgb '#56B4E9' title 'radial-only', \
     'cost-scaling.dat' index 6 using 1:2 with linespoints pt 7 lw 2 lc rgb '#000000' title 'gram-dense', \
     'cost-scaling.dat' index 7 using 1:2 with linespoints pt 7 lw 2 lc rgb '#8C564B' title 'augmented-none', \
     'cost-scaling.dat' index 8 using 1:2 with linespoints pt 7 lw 2 lc rgb '#7F7F7F' title 'augmented-none + augmentation', \
     'cost-scaling.dat' index 9 using 1:2 with linespoints pt 7 lw 2 lc rgb '#BCBD22' title 'gram-factored + augmentation'
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
plot 'cost-scaling.dat' index 0 using 1:2 with linespoints pt 7 lw 2 lc rgb '#0072B2' title 'gram-factored', \
     'cost-scaling.dat' index 1 using 1:2 with linespoints pt 7 lw 2 lc rgb '#D55E00' title 'truncated-axis', \
     'cost-scaling.dat' index 2 using 1:2 with linespoints pt 7 lw 2 lc rgb '#009E73' title 'knn-sparse', \
     'cost-scaling.dat' index 3 using 1:2 with linespoints pt 7 lw 2 lc rgb '#CC79A7' title 'three-body-sparse', \
     'cost-scaling.dat' index 4 using 1:2 with linespoints pt 7 lw 2 lc rgb '#E69F00' title 'local-frame', \
     'cost-scaling.dat' index 5 using 1:2 with linespoints pt 7 lw 2 lc rgb '#56B4E9' title 'radial-only', \
     'cost-scaling.dat' index 6 using 1:2 with linespoints pt 7 lw 2 lc rgb '#000000' title 'gram-dense', \
     'cost-scaling.dat' index 7 using 1:2 with linespoints pt 7 lw 2 lc rgb '#8C564B' title 'augmented-none', \
     'cost-scaling.dat' index 8 using 1:2 with linespoints pt 7 lw 2 lc rgb '#7F7F7F' title 'augmented-none + augmentation', \
     'cost-scaling.dat' index 9 using 1:2 with linespoints pt 7 lw 2 lc rgb '#BCBD22' title 'gram-factored + augmentation'
unset output
