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
     'pareto.dat' every ::1::1 using 1:2:3:4 with yerrorbars pt 5 ps 1.6 lw 2 lc rgb '#D55E00' title 'mean', \
     'pareto.dat' every ::2::2 using 1:2:3:4 with yerrorbars pt 9 ps 1.6 lw 2 lc rgb '#009E73' title 'attention-pooling', \
     'pareto.dat' every ::3::3 using 1:2:3:4 with yerrorbars pt 11 ps 1.6 lw 2 lc rgb '#CC79A7' title 'gated-attention (small)', \
     'pareto.dat' every ::4::4 using 1:2:3:4 with yerrorbars pt 13 ps 1.6 lw 2 lc rgb '#E69F00' title 'isab (small)', \
     'pareto.dat' every ::5::5 using 1:2:3:4 with yerrorbars pt 15 ps 1.6 lw 2 lc rgb '#56B4E9' title 'pma', \
     'pareto.dat' every ::6::6 using 1:2:3:4 with yerrorbars pt 7 ps 1.6 lw 2 lc rgb '#000000' title 'gram-dense', \
     'pareto.dat' every ::7::7 using 1:2:3:4 with yerrorbars pt 5 ps 1.6 lw 2 lc rgb '#8C564B' title 'truncated-axis (M2 = 4)', \
     'pareto.dat' every ::8::8 using 1:2:3:4 with yerrorbars pt 9 ps 1.6 lw 2 lc rgb '#7F7F7F' title 'knn-sparse', \
     'pareto.dat' every ::9::9 using 1:2:3:4 with yerrorbars pt 11 ps 1.6 lw 2 lc rgb '#BCBD22' title 'three-body-sparse', \
     'pareto.dat' every ::10::10 using 1:2:3:4 with yerrorbars pt 13 ps 1.6 lw 2 lc rgb '#9467BD' title 'local-frame', \
     'pareto.dat' every ::11::11 using 1:2:3:4 with yerrorbars pt 15 ps 1.6 lw 2 lc rgb '#E41A1C' title 'radial-only'
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
     'pareto.dat' every ::1::1 using 1:2:3:4 with yerrorbars pt 5 ps 1.6 lw 2 lc rgb '#D55E00' title 'mean', \
     'pareto.dat' every ::2::2 using 1:2:3:4 with yerrorbars pt 9 ps 1.6 lw 2 lc rgb '#009E73' title 'attention-pooling', \
     'pareto.dat' every ::3::3 using 1:2:3:4 with yerrorbars pt 11 ps 1.6 lw 2 lc rgb '#CC79A7' title 'gated-attention (small)', \
     'pareto.dat' every ::4::4 using 1:2:3:4 with yerrorbars pt 13 ps 1.6 lw 2 lc rgb '#E69F00' title 'isab (small)', \
     'pareto.dat' every ::5::5 using 1:2:3:4 with yerrorbars pt 15 ps 1.6 lw 2 lc rgb '#56B4E9' title 'pma', \
     'pareto.dat' every ::6::6 using 1:2:3:4 with yerrorbars pt 7 ps 1.6 lw 2 lc rgb '#000000' title 'gram-dense', \
     'pareto.dat' every ::7::7 using 1:2:3:4 with yerrorbars pt 5 ps 1.6 lw 2 lc rgb '#8C564B' title 'truncated-axis (M2 = 4)', \
     'pareto.dat' every ::8::8 using 1:2:3:4 with yerrorbars pt 9 ps 1.6 lw 2 lc rgb '#7F7F7F' title 'knn-sparse', \
     'pareto.dat' every ::9::9 using 1:2:3:4 with yerrorbars pt 11 ps 1.6 lw 2 lc rgb '#BCBD22' title 'three-body-sparse', \
     'pareto.dat' every ::10::10 using 1:2:3:4 with yerrorbars pt 13 ps 1.6 lw 2 lc rgb '#9467BD' title 'local-frame', \
     'pareto.dat' every ::11::11 using 1:2:3:4 with yerrorbars pt 15 ps 1.6 lw 2 lc rgb '#E41A1C' title 'radial-only'
unset output
