# gnuplot script written by symlab report; run in this folder: gnuplot md-stability.gp
set encoding utf8
set terminal pngcairo size 1200,520 font 'DejaVu Sans,11' noenhanced
set output 'md-stability.png'
set multiplot layout 1,2 title 'Molecular dynamics with the trained models'
set xrange [-0.6:3.6]
set xtics ('se_e2_a' 0, 'axis M2=4' 1, 'isab' 2, 'Stillinger-Weber (reference)' 3) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#000000')
set cbrange [0:3]
unset colorbox
set key below
set ylabel 'NVE drift |dE_tot/dt| / N (meV/atom/ps)'
set logscale y
plot 'md-drift.dat' using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'md-drift-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with points pt 7 ps 1.2 lc rgb '#777777' title 'one trained model (mean over its MD seeds)'
unset logscale y
set ylabel 'time to failure (ps)'
set yrange [0:2.2]
plot 'md-survival.dat' index 0 using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'md-survival.dat' index 1 using 1:2:3 with points pt 8 ps 1.4 lc palette notitle, \
     NaN with points pt 7 ps 1.2 lc rgb '#777777' title 'failed', \
     NaN with points pt 8 ps 1.4 lc rgb '#777777' title 'no failure (censored at the run length)'
unset multiplot
set terminal svg size 1200,520 font 'DejaVu Sans,11' noenhanced
set output 'md-stability.svg'
set multiplot layout 1,2 title 'Molecular dynamics with the trained models'
set xrange [-0.6:3.6]
set xtics ('se_e2_a' 0, 'axis M2=4' 1, 'isab' 2, 'Stillinger-Weber (reference)' 3) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#000000')
set cbrange [0:3]
unset colorbox
set key below
set ylabel 'NVE drift |dE_tot/dt| / N (meV/atom/ps)'
set logscale y
plot 'md-drift.dat' using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'md-drift-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with points pt 7 ps 1.2 lc rgb '#777777' title 'one trained model (mean over its MD seeds)'
unset logscale y
set ylabel 'time to failure (ps)'
set yrange [0:2.2]
plot 'md-survival.dat' index 0 using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'md-survival.dat' index 1 using 1:2:3 with points pt 8 ps 1.4 lc palette notitle, \
     NaN with points pt 7 ps 1.2 lc rgb '#777777' title 'failed', \
     NaN with points pt 8 ps 1.4 lc rgb '#777777' title 'no failure (censored at the run length)'
unset multiplot
unset output
