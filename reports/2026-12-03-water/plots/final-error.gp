# gnuplot script written by symlab report; run in this folder: gnuplot final-error.gp
set encoding utf8
set terminal pngcairo size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.png'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:1.6]
set xtics ('se_e2_a' 0, 'pma' 1) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00')
set cbrange [0:1]
unset colorbox
set key top right
plot for [i=0:4] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:4] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
set terminal svg size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.svg'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:1.6]
set xtics ('se_e2_a' 0, 'pma' 1) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00')
set cbrange [0:1]
unset colorbox
set key top right
plot for [i=0:4] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:4] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
unset output
