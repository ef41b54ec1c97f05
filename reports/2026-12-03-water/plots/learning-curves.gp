# gnuplot script written by symlab report; run in this folder: gnuplot learning-curves.gp
set encoding utf8
set terminal pngcairo size 1400,500 font 'DejaVu Sans,11' noenhanced
set output 'learning-curves.png'
set multiplot title 'Validation error during training, every seed'
set xlabel 'training step'
set logscale y
set grid
set key at screen 0.81, screen 0.88 left top Left reverse
set origin 0.0, 0
set size 0.4, 0.94
set ylabel 'validation force RMSE (meV/Å)'
plot 'curves.dat' index 0 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 4 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 5 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 7 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 8 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 9 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle
set origin 0.4, 0
set size 0.4, 0.94
set ylabel 'validation energy RMSE (meV/atom)'
plot 'curves.dat' index 0 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 4 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 5 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 7 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 8 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 9 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     NaN with lines lc rgb '#0072B2' lw 2 title 'se_e2_a', \
     NaN with lines lc rgb '#D55E00' lw 2 title 'pma'
unset multiplot
set terminal svg size 1400,500 font 'DejaVu Sans,11' noenhanced
set output 'learning-curves.svg'
set multiplot title 'Validation error during training, every seed'
set xlabel 'training step'
set logscale y
set grid
set key at screen 0.81, screen 0.88 left top Left reverse
set origin 0.0, 0
set size 0.4, 0.94
set ylabel 'validation force RMSE (meV/Å)'
plot 'curves.dat' index 0 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 4 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 5 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 7 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 8 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 9 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle
set origin 0.4, 0
set size 0.4, 0.94
set ylabel 'validation energy RMSE (meV/atom)'
plot 'curves.dat' index 0 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 4 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 5 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 7 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 8 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 9 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     NaN with lines lc rgb '#0072B2' lw 2 title 'se_e2_a', \
     NaN with lines lc rgb '#D55E00' lw 2 title 'pma'
unset multiplot
unset output
