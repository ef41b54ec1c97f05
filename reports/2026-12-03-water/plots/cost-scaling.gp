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
     'cost-scaling.dat' index 1 using 1:2 with linespoints pt 5 lw 2 lc rgb '#D55E00' title 'pma'
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
     'cost-scaling.dat' index 1 using 1:2 with linespoints pt 5 lw 2 lc rgb '#D55E00' title 'pma'
unset output
