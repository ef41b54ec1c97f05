# gnuplot script written by symlab report; run in this folder: gnuplot pareto.gp
set encoding utf8
set terminal pngcairo size 1000,600 font 'DejaVu Sans,11' noenhanced
set output 'pareto.png'
set title 'Accuracy against cost'
set xlabel 'forward FLOPs per atom (cost functions)'
set ylabel 'mean val F RMSE (meV/Å)'
unset logscale x
set format x '%.2s%c'
set autoscale xfix
set offsets graph 0.06, graph 0.06, graph 0.06, 0
set yrange [0:*]
set grid
set key outside right top
plot 'pareto-front.dat' using 1:2 with lines dt 2 lw 2 lc rgb '#555555' title 'Pareto front (means)', \
     'pareto.dat' every ::0::0 using 1:2:3:4 with yerrorbars pt 7 ps 1.6 lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'pareto.dat' every ::1::1 using 1:2:3:4 with yerrorbars pt 5 ps 1.6 lw 2 lc rgb '#D55E00' title 'axis M2=4', \
     'pareto.dat' every ::2::2 using 1:2:3:4 with yerrorbars pt 9 ps 1.6 lw 2 lc rgb '#009E73' title 'isab'
set terminal svg size 1000,600 font 'DejaVu Sans,11' noenhanced
set output 'pareto.svg'
set title 'Accuracy against cost'
set xlabel 'forward FLOPs per atom (cost functions)'
set ylabel 'mean val F RMSE (meV/Å)'
unset logscale x
set format x '%.2s%c'
set autoscale xfix
set offsets graph 0.06, graph 0.06, graph 0.06, 0
set yrange [0:*]
set grid
set key outside right top
plot 'pareto-front.dat' using 1:2 with lines dt 2 lw 2 lc rgb '#555555' title 'Pareto front (means)', \
     'pareto.dat' every ::0::0 using 1:2:3:4 with yerrorbars pt 7 ps 1.6 lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'pareto.dat' every ::1::1 using 1:2:3:4 with yerrorbars pt 5 ps 1.6 lw 2 lc rgb '#D55E00' title 'axis M2=4', \
     'pareto.dat' every ::2::2 using 1:2:3:4 with yerrorbars pt 9 ps 1.6 lw 2 lc rgb '#009E73' title 'isab'
unset output
