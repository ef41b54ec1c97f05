# gnuplot script written by symlab report; run in this folder: gnuplot pareto.gp
set encoding utf8
set terminal pngcairo size 900,600 font 'DejaVu Sans,11' noenhanced
set output 'pareto.png'
set title 'Accuracy against cost'
set xlabel 'forward FLOPs per atom (cost functions)'
set ylabel 'mean val F RMSE (meV/Å)'
set logscale x
set grid
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7', 4 '#E69F00', 5 '#56B4E9', 6 '#000000', 7 '#8C564B', 8 '#7F7F7F', 9 '#BCBD22')
set cbrange [0:9]
unset colorbox
set key top right
set offsets graph 0.08, graph 0.08, graph 0.08, graph 0.08
plot 'pareto-front.dat' using 1:2 with lines dt 2 lw 2 lc rgb '#555555' title 'Pareto front (means)', \
     'pareto.dat' using 1:2:3:4:5 with yerrorbars pt 7 ps 1.5 lw 2 lc palette title 'mean and 95% t-interval', \
     'pareto.dat' using 1:2:6 with labels offset char 1,1 left notitle
set terminal svg size 900,600 font 'DejaVu Sans,11' noenhanced
set output 'pareto.svg'
set title 'Accuracy against cost'
set xlabel 'forward FLOPs per atom (cost functions)'
set ylabel 'mean val F RMSE (meV/Å)'
set logscale x
set grid
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7', 4 '#E69F00', 5 '#56B4E9', 6 '#000000', 7 '#8C564B', 8 '#7F7F7F', 9 '#BCBD22')
set cbrange [0:9]
unset colorbox
set key top right
set offsets graph 0.08, graph 0.08, graph 0.08, graph 0.08
plot 'pareto-front.dat' using 1:2 with lines dt 2 lw 2 lc rgb '#555555' title 'Pareto front (means)', \
     'pareto.dat' using 1:2:3:4:5 with yerrorbars pt 7 ps 1.5 lw 2 lc palette title 'mean and 95% t-interval', \
     'pareto.dat' using 1:2:6 with labels offset char 1,1 left notitle
unset output
