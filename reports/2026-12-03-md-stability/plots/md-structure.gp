# gnuplot script written by symlab report; run in this folder: gnuplot md-structure.gp
set encoding utf8
set terminal pngcairo size 1200,520 font 'DejaVu Sans,11' noenhanced
set output 'md-structure.png'
set multiplot layout 1,2 title 'Structure from NVT MD against the reference'
set grid
set key top right
set xlabel 'r (Å)'
set ylabel 'g(r)'
plot 'md-rdf.dat' index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'md-rdf.dat' index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'axis M2=4', \
     'md-rdf.dat' index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'isab', \
     'md-rdf.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'Stillinger-Weber (reference)'
set xlabel 'bond angle θ (degrees)'
set ylabel 'p(θ) (1/deg)'
set xrange [0:180]
set xtics 30
plot 'md-adf.dat' index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'md-adf.dat' index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'axis M2=4', \
     'md-adf.dat' index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'isab', \
     'md-adf.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'Stillinger-Weber (reference)'
unset multiplot
set terminal svg size 1200,520 font 'DejaVu Sans,11' noenhanced
set output 'md-structure.svg'
set multiplot layout 1,2 title 'Structure from NVT MD against the reference'
set grid
set key top right
set xlabel 'r (Å)'
set ylabel 'g(r)'
plot 'md-rdf.dat' index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'md-rdf.dat' index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'axis M2=4', \
     'md-rdf.dat' index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'isab', \
     'md-rdf.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'Stillinger-Weber (reference)'
set xlabel 'bond angle θ (degrees)'
set ylabel 'p(θ) (1/deg)'
set xrange [0:180]
set xtics 30
plot 'md-adf.dat' index 0 using 1:2 with lines lw 2 lc rgb '#0072B2' title 'se_e2_a', \
     'md-adf.dat' index 1 using 1:2 with lines lw 2 lc rgb '#D55E00' title 'axis M2=4', \
     'md-adf.dat' index 2 using 1:2 with lines lw 2 lc rgb '#009E73' title 'isab', \
     'md-adf.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'Stillinger-Weber (reference)'
unset multiplot
unset output
