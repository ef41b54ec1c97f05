# gnuplot script written by symlab report; run in this folder: gnuplot final-error.gp
set encoding utf8
set terminal pngcairo size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.png'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:9.6]
set xtics ('gram-factored' 0, 'truncated-axis' 1, 'knn-sparse' 2, 'three-body-sparse' 3, 'local-frame' 4, 'radial-only' 5, 'gram-dense' 6, 'augmented-none' 7, 'augmented-none + augmentation' 8, 'gram-factored + augmentation' 9) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7', 4 '#E69F00', 5 '#56B4E9', 6 '#000000', 7 '#8C564B', 8 '#7F7F7F', 9 '#BCBD22')
set cbrange [0:9]
unset colorbox
set key top right
plot for [i=0:1] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:1] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
set terminal svg size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.svg'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:9.6]
set xtics ('gram-factored' 0, 'truncated-axis' 1, 'knn-sparse' 2, 'three-body-sparse' 3, 'local-frame' 4, 'radial-only' 5, 'gram-dense' 6, 'augmented-none' 7, 'augmented-none + augmentation' 8, 'gram-factored + augmentation' 9) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7', 4 '#E69F00', 5 '#56B4E9', 6 '#000000', 7 '#8C564B', 8 '#7F7F7F', 9 '#BCBD22')
set cbrange [0:9]
unset colorbox
set key top right
plot for [i=0:1] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:1] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
unset output
